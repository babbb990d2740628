using System.Collections.Concurrent;

namespace MockAccounts.Core.Runtime;

/// <summary>
/// A concurrent map that never holds more than its capacity: when an insert overflows it, the
/// least recently used tenth is dropped and counted. Reads stay lock-free; only the rare trim
/// takes a lock, and it never awaits.
/// </summary>
public sealed class BoundedMap<TKey, TValue>
    where TKey : notnull
{
    private readonly ConcurrentDictionary<TKey, Slot> _slots;
    private readonly Lock _trimming = new();
    private readonly int _capacity;
    private long _clock;
    private long _evicted;

    public BoundedMap(int capacity, IEqualityComparer<TKey>? comparer = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _capacity = capacity;
        _slots = new ConcurrentDictionary<TKey, Slot>(comparer);
    }

    public int Count => _slots.Count;

    public long Evicted => Interlocked.Read(ref _evicted);

    public bool TryGetValue(TKey key, out TValue value)
    {
        if (_slots.TryGetValue(key, out var slot))
        {
            slot.Touch(Tick());
            value = slot.Value;
            return true;
        }

        value = default!;
        return false;
    }

    public TValue? GetValueOrDefault(TKey key) => TryGetValue(key, out var value) ? value : default;

    public void Set(TKey key, TValue value)
    {
        _slots[key] = new Slot(value, Tick());
        TrimIfFull();
    }

    public TValue GetOrAdd(TKey key, Func<TKey, TValue> create)
    {
        var slot = _slots.GetOrAdd(key, k => new Slot(create(k), Tick()));
        slot.Touch(Tick());
        TrimIfFull();
        return slot.Value;
    }

    public TValue AddOrUpdate(TKey key, TValue add, Func<TValue, TValue> update)
    {
        var slot = _slots.AddOrUpdate(key, _ => new Slot(add, Tick()), (_, current) => new Slot(update(current.Value), Tick()));
        TrimIfFull();
        return slot.Value;
    }

    /// <summary>Replaces the value only if it is still <paramref name="expected"/> (by reference).</summary>
    public bool TryReplace(TKey key, TValue expected, TValue replacement) =>
        _slots.TryGetValue(key, out var slot)
        && ReferenceEquals(slot.Value, expected)
        && _slots.TryUpdate(key, new Slot(replacement, Tick()), slot);

    public bool TryRemove(TKey key) => _slots.TryRemove(key, out _);

    public void Clear() => _slots.Clear();

    private long Tick() => Interlocked.Increment(ref _clock);

    private void TrimIfFull()
    {
        if (_slots.Count <= _capacity)
        {
            return;
        }

        lock (_trimming)
        {
            var excess = _slots.Count - _capacity;
            if (excess <= 0)
            {
                return;
            }

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
    }

    private sealed class Slot(TValue value, long lastUsed)
    {
        private long _lastUsed = lastUsed;

        public TValue Value { get; } = value;

        public long LastUsed => Interlocked.Read(ref _lastUsed);

        public void Touch(long tick) => Interlocked.Exchange(ref _lastUsed, tick);
    }
}
