using System.Collections.Concurrent;

namespace MockAccounts.Core.Runtime;

/// <summary>
/// A concurrent map that never holds more than its capacity: when an insert overflows it, the
/// least recently used tenth is dropped and counted. Reads are lock-free and, for a key already
/// stamped since the last insert, write nothing: recency is kept per insert, not per read, so a hot
/// key read from every core does not bounce a cache line. Only the rare trim takes a lock, and it never awaits.
/// </summary>
public sealed class BoundedMap<TKey, TValue>
    where TKey : notnull
{
    private readonly ConcurrentDictionary<TKey, Slot> _slots;
    private readonly Lock _trimming = new();
    private readonly int _capacity;
    private long _clock;
    private long _evicted;

    // ConcurrentDictionary.Count takes every lock; this approximate count decides when to trim.
    private int _approximateCount;

    /// <summary>An empty map holding at most <paramref name="capacity"/> entries.</summary>
    /// <param name="capacity">The most entries kept before the least recently used are dropped.</param>
    /// <param name="comparer">Compares keys; null for the default.</param>
    public BoundedMap(int capacity, IEqualityComparer<TKey>? comparer = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _capacity = capacity;
        _slots = new ConcurrentDictionary<TKey, Slot>(comparer);
    }

    /// <summary>Entries held now.</summary>
    public int Count => _slots.Count;

    /// <summary>Entries dropped so far to stay within capacity.</summary>
    public long Evicted => Interlocked.Read(ref _evicted);

    /// <summary>Reads the value of <paramref name="key"/>, if present.</summary>
    /// <param name="key">The key to look up.</param>
    /// <param name="value">The value, or default when absent.</param>
    public bool TryGetValue(TKey key, out TValue value)
    {
        if (_slots.TryGetValue(key, out var slot))
        {
            slot.Touch(Volatile.Read(ref _clock));
            value = slot.Value;
            return true;
        }

        value = default!;
        return false;
    }

    /// <summary>The value of <paramref name="key"/>, or default when absent.</summary>
    /// <param name="key">The key to look up.</param>
    public TValue? GetValueOrDefault(TKey key) => TryGetValue(key, out var value) ? value : default;

    /// <summary>Stores <paramref name="value"/> under <paramref name="key"/>, replacing any value.</summary>
    /// <param name="key">The key.</param>
    /// <param name="value">The value to store.</param>
    public void Set(TKey key, TValue value) => AddOrUpdate(key, value, _ => value);

    /// <summary>Adds <paramref name="value"/> unless the key is there already; returns the value the map holds.</summary>
    public TValue GetOrAdd(TKey key, TValue value)
    {
        while (true)
        {
            if (TryGetValue(key, out var existing))
            {
                return existing;
            }

            if (TryInsert(key, new Slot(value, Tick())))
            {
                return value;
            }
        }
    }

    /// <summary>The value of <paramref name="key"/>, created and added when absent; returns the value the map holds.</summary>
    /// <param name="key">The key.</param>
    /// <param name="create">Makes the value when the key is absent.</param>
    public TValue GetOrAdd(TKey key, Func<TKey, TValue> create) =>
        TryGetValue(key, out var existing) ? existing : GetOrAdd(key, create(key));

    /// <summary>Adds <paramref name="add"/>, or replaces the present value with <paramref name="update"/> of it; returns the value stored.</summary>
    /// <param name="key">The key.</param>
    /// <param name="add">The value when the key is absent.</param>
    /// <param name="update">Makes the new value from the present one.</param>
    public TValue AddOrUpdate(TKey key, TValue add, Func<TValue, TValue> update)
    {
        while (true)
        {
            if (_slots.TryGetValue(key, out var current))
            {
                var updated = new Slot(update(current.Value), Tick());
                if (_slots.TryUpdate(key, updated, current))
                {
                    return updated.Value;
                }
            }
            else if (TryInsert(key, new Slot(add, Tick())))
            {
                return add;
            }
        }
    }

    /// <summary>Replaces the value only if it is still <paramref name="expected"/> (by reference).</summary>
    public bool TryReplace(TKey key, TValue expected, TValue replacement) =>
        _slots.TryGetValue(key, out var slot)
        && ReferenceEquals(slot.Value, expected)
        && _slots.TryUpdate(key, new Slot(replacement, Tick()), slot);

    /// <summary>Removes <paramref name="key"/>; false when it was absent.</summary>
    /// <param name="key">The key to remove.</param>
    public bool TryRemove(TKey key)
    {
        if (!_slots.TryRemove(key, out _))
        {
            return false;
        }

        Interlocked.Decrement(ref _approximateCount);
        return true;
    }

    /// <summary>Removes every entry.</summary>
    public void Clear()
    {
        _slots.Clear();
        Volatile.Write(ref _approximateCount, 0);
    }

    private long Tick() => Interlocked.Increment(ref _clock);

    private bool TryInsert(TKey key, Slot slot)
    {
        if (!_slots.TryAdd(key, slot))
        {
            return false;
        }

        if (Interlocked.Increment(ref _approximateCount) > _capacity)
        {
            Trim();
        }

        return true;
    }

    private void Trim()
    {
        lock (_trimming)
        {
            var excess = _slots.Count - _capacity;
            if (excess > 0)
            {
                // Drop a tenth beyond the overflow so a steady stream of new keys trims rarely.
                var drop = excess + Math.Max(1, _capacity / 10);
                // ToArray snapshots atomically; LINQ over the live dictionary races with writers.
                foreach (var (key, _) in _slots.ToArray().OrderBy(p => p.Value.LastUsed).Take(drop))
                {
                    if (_slots.TryRemove(key, out _))
                    {
                        Interlocked.Increment(ref _evicted);
                    }
                }
            }

            Volatile.Write(ref _approximateCount, _slots.Count);
        }
    }

    private sealed class Slot(TValue value, long lastUsed)
    {
        private long _lastUsed = lastUsed;

        public TValue Value { get; } = value;

        public long LastUsed => Volatile.Read(ref _lastUsed);

        public void Touch(long tick)
        {
            if (Volatile.Read(ref _lastUsed) < tick)
            {
                Volatile.Write(ref _lastUsed, tick);
            }
        }
    }
}
