using System.Collections.Concurrent;

namespace MockAccounts.Core.Runtime;

/// <summary>
/// A concurrent map that never holds more than its capacity: when an insert overflows it, the
/// least recently used tenth is dropped and counted. Given a weigher, it is bounded in weight too
/// (an estimate of bytes): an insert or a <see cref="Reweigh"/> that takes the total past the limit drops
/// the least recently used until a tenth of the limit is free. Reads are lock-free and, for a key already
/// stamped since the last insert, write nothing: recency is kept per insert, not per read, so a hot
/// key read from every core does not bounce a cache line. Only the rare trim takes a lock, and it never awaits.
/// </summary>
public sealed class BoundedMap<TKey, TValue>
    where TKey : notnull
{
    private readonly ConcurrentDictionary<TKey, Slot> _slots;
    private readonly Lock _trimming = new();
    private readonly int _capacity;
    private readonly long _maxWeight;
    private readonly Func<TKey, TValue, long>? _weigh;
    private long _clock;
    private long _evicted;

    // The sum of the slots' weights, kept on insert, removal and reweigh; recomputed exactly by every trim.
    private long _weight;

    // ConcurrentDictionary.Count takes every lock; this approximate count decides when to trim.
    private int _approximateCount;

    /// <summary>An empty map holding at most <paramref name="capacity"/> entries.</summary>
    /// <param name="capacity">The most entries kept before the least recently used are dropped.</param>
    /// <param name="comparer">Compares keys; null for the default.</param>
    public BoundedMap(int capacity, IEqualityComparer<TKey>? comparer = null)
        : this(capacity, long.MaxValue, null, comparer)
    {
    }

    /// <summary>An empty map holding at most <paramref name="capacity"/> entries weighing at most <paramref name="maxWeight"/> together.</summary>
    /// <param name="capacity">The most entries kept before the least recently used are dropped.</param>
    /// <param name="maxWeight">The most total weight kept before the least recently used are dropped.</param>
    /// <param name="weigh">An entry's weight (an estimate of the bytes it holds); null: every entry weighs nothing.</param>
    /// <param name="comparer">Compares keys; null for the default.</param>
    public BoundedMap(int capacity, long maxWeight, Func<TKey, TValue, long>? weigh, IEqualityComparer<TKey>? comparer = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxWeight, 1);
        _capacity = capacity;
        _maxWeight = maxWeight;
        _weigh = weigh;
        _slots = new ConcurrentDictionary<TKey, Slot>(comparer);
    }

    /// <summary>Entries held now.</summary>
    public int Count => _slots.Count;

    /// <summary>The total weight held now (exact after a trim, kept up to date between trims).</summary>
    public long Weight => Interlocked.Read(ref _weight);

    /// <summary>The values held now, in no particular order; entries added or removed meanwhile may or may not appear.</summary>
    public IEnumerable<TValue> Values => _slots.Select(p => p.Value.Value);

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

            if (TryInsert(key, NewSlot(key, value)))
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
                var updated = NewSlot(key, update(current.Value));
                if (_slots.TryUpdate(key, updated, current))
                {
                    AddWeight(updated.Weight - current.Weight);
                    return updated.Value;
                }
            }
            else if (TryInsert(key, NewSlot(key, add)))
            {
                return add;
            }
        }
    }

    /// <summary>Replaces the value only if it is still <paramref name="expected"/> (by reference).</summary>
    public bool TryReplace(TKey key, TValue expected, TValue replacement)
    {
        if (!_slots.TryGetValue(key, out var slot) || !ReferenceEquals(slot.Value, expected))
        {
            return false;
        }

        var updated = NewSlot(key, replacement);
        if (!_slots.TryUpdate(key, updated, slot))
        {
            return false;
        }

        AddWeight(updated.Weight - slot.Weight);
        return true;
    }

    /// <summary>
    /// Weighs the value of <paramref name="key"/> again after it changed in place (a mutable value), and trims
    /// when the total is now past the limit; false when the key is absent.
    /// </summary>
    /// <param name="key">The key whose value changed.</param>
    public bool Reweigh(TKey key)
    {
        if (_weigh is null || !_slots.TryGetValue(key, out var slot))
        {
            return false;
        }

        var weight = _weigh(key, slot.Value);
        AddWeight(weight - Interlocked.Exchange(ref slot.Weight, weight));
        return true;
    }

    /// <summary>Removes <paramref name="key"/>; false when it was absent.</summary>
    /// <param name="key">The key to remove.</param>
    public bool TryRemove(TKey key)
    {
        if (!_slots.TryRemove(key, out var slot))
        {
            return false;
        }

        Interlocked.Decrement(ref _approximateCount);
        Interlocked.Add(ref _weight, -Volatile.Read(ref slot.Weight));
        return true;
    }

    /// <summary>Removes every entry.</summary>
    public void Clear()
    {
        lock (_trimming)
        {
            _slots.Clear();
            Volatile.Write(ref _approximateCount, 0);
            Volatile.Write(ref _weight, 0);
        }
    }

    private long Tick() => Interlocked.Increment(ref _clock);

    private Slot NewSlot(TKey key, TValue value) => new(value, Tick(), _weigh?.Invoke(key, value) ?? 0);

    private void AddWeight(long delta)
    {
        if (delta != 0 && Interlocked.Add(ref _weight, delta) > _maxWeight)
        {
            Trim();
        }
    }

    private bool TryInsert(TKey key, Slot slot)
    {
        if (!_slots.TryAdd(key, slot))
        {
            return false;
        }

        var overfull = Interlocked.Increment(ref _approximateCount) > _capacity;
        if (Interlocked.Add(ref _weight, slot.Weight) > _maxWeight || overfull)
        {
            Trim();
        }

        return true;
    }

    private void Trim()
    {
        lock (_trimming)
        {
            // ToArray snapshots atomically; LINQ over the live dictionary races with writers.
            var slots = _slots.ToArray();
            var weight = slots.Sum(p => Volatile.Read(ref p.Value.Weight));
            var excess = slots.Length - _capacity;
            if (excess > 0 || weight > _maxWeight)
            {
                // Drop a tenth beyond the overflow (of count, of weight) so a steady stream of new keys trims rarely.
                var keep = excess > 0 ? _capacity - Math.Max(1, _capacity / 10) : slots.Length;
                var keepWeight = weight > _maxWeight ? _maxWeight - (_maxWeight / 10) : _maxWeight;
                var count = slots.Length;
                foreach (var (key, slot) in slots.OrderBy(p => p.Value.LastUsed))
                {
                    if (count <= keep && weight <= keepWeight)
                    {
                        break;
                    }

                    if (_slots.TryRemove(new KeyValuePair<TKey, Slot>(key, slot)))
                    {
                        Interlocked.Increment(ref _evicted);
                        weight -= Volatile.Read(ref slot.Weight);
                    }

                    count--;
                }
            }

            Volatile.Write(ref _approximateCount, _slots.Count);
            Volatile.Write(ref _weight, _slots.Sum(p => Volatile.Read(ref p.Value.Weight)));
        }
    }

    private sealed class Slot(TValue value, long lastUsed, long weight)
    {
        private long _lastUsed = lastUsed;

        // Changed in place by Reweigh; read with Volatile elsewhere.
        public long Weight = weight;

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
