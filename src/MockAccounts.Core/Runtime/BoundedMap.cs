using BitFaster.Caching.Lru;

namespace MockAccounts.Core.Runtime;

/// <summary>
/// A concurrent map that never holds more than its capacity, nor, given a weigher, more than its weight (an estimate
/// of bytes): BitFaster.Caching's <see cref="ConcurrentLru{K, V}"/> keeps the count and the recency, and this type adds
/// the weight, which that library does not bound: every entry's weight is added on insert and taken off when the
/// library removes it (evicted, trimmed, removed, cleared), and an insert or a <see cref="Reweigh"/> that takes the
/// total past the limit trims the coldest entries until a tenth of the limit is free. Reads are the library's: a
/// dictionary look-up and an access mark. Measured against our own map in <c>bench -- caches</c> (docs/performance.md).
/// </summary>
public sealed class BoundedMap<TKey, TValue>
    where TKey : notnull
{
    // The library's segmented LRU needs room for its three queues.
    private const int SmallestCapacity = 3;

    private readonly ConcurrentLru<TKey, Slot> _lru;
    private readonly long _maxWeight;
    private readonly Func<TKey, TValue, long>? _weigh;
    private readonly Lock _trimming = new();
    private long _weight;
    private long _evicted;

    /// <summary>An empty map holding at most <paramref name="capacity"/> entries (at least three).</summary>
    /// <param name="capacity">The most entries kept before the least recently used are dropped.</param>
    /// <param name="comparer">Compares keys; null for the default.</param>
    public BoundedMap(int capacity, IEqualityComparer<TKey>? comparer = null)
        : this(capacity, long.MaxValue, null, comparer)
    {
    }

    /// <summary>An empty map holding at most <paramref name="capacity"/> entries weighing at most <paramref name="maxWeight"/> together.</summary>
    /// <param name="capacity">The most entries kept before the least recently used are dropped (at least three).</param>
    /// <param name="maxWeight">The most total weight kept before the least recently used are dropped.</param>
    /// <param name="weigh">An entry's weight (an estimate of the bytes it holds); null: every entry weighs nothing.</param>
    /// <param name="comparer">Compares keys; null for the default.</param>
    public BoundedMap(int capacity, long maxWeight, Func<TKey, TValue, long>? weigh, IEqualityComparer<TKey>? comparer = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxWeight, 1);
        _maxWeight = maxWeight;
        _weigh = weigh;
        _lru = new ConcurrentLru<TKey, Slot>(Environment.ProcessorCount, Math.Max(capacity, SmallestCapacity), comparer ?? EqualityComparer<TKey>.Default);
        _lru.Events.Value!.ItemRemoved += (_, removed) =>
        {
            Interlocked.Add(ref _weight, -Volatile.Read(ref removed.Value!.Weight));
            if (removed.Reason is BitFaster.Caching.ItemRemovedReason.Evicted or BitFaster.Caching.ItemRemovedReason.Trimmed)
            {
                Interlocked.Increment(ref _evicted);
            }
        };
    }

    /// <summary>Entries held now.</summary>
    public int Count => _lru.Count;

    /// <summary>The total weight held now.</summary>
    public long Weight => Interlocked.Read(ref _weight);

    /// <summary>The values held now, in no particular order; entries added or removed meanwhile may or may not appear.</summary>
    public IEnumerable<TValue> Values => _lru.Select(p => p.Value.Value);

    /// <summary>Entries dropped so far to stay within capacity or weight.</summary>
    public long Evicted => Interlocked.Read(ref _evicted);

    /// <summary>Reads the value of <paramref name="key"/>, if present.</summary>
    /// <param name="key">The key to look up.</param>
    /// <param name="value">The value, or default when absent.</param>
    public bool TryGetValue(TKey key, out TValue value)
    {
        if (_lru.TryGet(key, out var slot))
        {
            value = slot.Value;
            return true;
        }

        value = default!;
        return false;
    }

    /// <summary>The value of <paramref name="key"/>, or default when absent.</summary>
    /// <param name="key">The key to look up.</param>
    public TValue? GetValueOrDefault(TKey key) => TryGetValue(key, out var value) ? value : default;

    /// <summary>Adds <paramref name="value"/> unless the key is there already; returns the value the map holds.</summary>
    /// <param name="key">The key.</param>
    /// <param name="value">The value to add when the key is absent.</param>
    public TValue GetOrAdd(TKey key, TValue value)
    {
        if (_lru.TryGet(key, out var held))
        {
            return held.Value;
        }

        var made = new Slot(value, key, _weigh);
        held = _lru.GetOrAdd(key, static (_, slot) => slot, made);
        if (ReferenceEquals(held, made))
        {
            AddWeight(held.Weight);
        }

        return held.Value;
    }

    /// <summary>The value of <paramref name="key"/>, created and added when absent; returns the value the map holds.</summary>
    /// <param name="key">The key.</param>
    /// <param name="create">Makes the value when the key is absent (under a race it may run and lose).</param>
    public TValue GetOrAdd(TKey key, Func<TKey, TValue> create)
    {
        if (_lru.TryGet(key, out var held))
        {
            return held.Value;
        }

        Slot? made = null;
        held = _lru.GetOrAdd(key, k => made = new Slot(create(k), k, _weigh));
        if (ReferenceEquals(held, made))
        {
            AddWeight(held.Weight);
        }

        return held.Value;
    }

    /// <summary>
    /// Weighs the value of <paramref name="key"/> again after it changed in place (a mutable value), and trims
    /// when the total is now past the limit; false when the key is absent.
    /// </summary>
    /// <param name="key">The key whose value changed.</param>
    public bool Reweigh(TKey key)
    {
        if (_weigh is null || !_lru.TryGet(key, out var slot))
        {
            return false;
        }

        var weight = _weigh(key, slot.Value);
        AddWeight(weight - Interlocked.Exchange(ref slot.Weight, weight));
        return true;
    }

    /// <summary>Removes <paramref name="key"/>; false when it was absent.</summary>
    /// <param name="key">The key to remove.</param>
    public bool TryRemove(TKey key) => _lru.TryRemove(key);

    /// <summary>Removes every entry.</summary>
    public void Clear() => _lru.Clear();

    private void AddWeight(long delta)
    {
        if (Interlocked.Add(ref _weight, delta) > _maxWeight)
        {
            TrimWeight();
        }
    }

    private void TrimWeight()
    {
        lock (_trimming)
        {
            // Trim a tenth at a time, coldest first, until a tenth of the limit is free: a steady stream of heavy
            // entries trims rarely.
            var target = _maxWeight - (_maxWeight / 10);
            while (Interlocked.Read(ref _weight) > target && _lru.Count > 0)
            {
                _lru.Policy.Eviction.Value!.Trim(Math.Max(1, _lru.Count / 10));
            }
        }
    }

    private sealed class Slot(TValue value, TKey key, Func<TKey, TValue, long>? weigh)
    {
        // Changed in place by Reweigh; read with Volatile elsewhere.
        public long Weight = weigh?.Invoke(key, value) ?? 0;

        public TValue Value { get; } = value;
    }
}
