using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;

namespace MockAccounts.Generators;

/// <summary>An array compared by its items, so the incremental pipeline skips work when a catalogue's names did not change.</summary>
internal readonly struct EquatableArray<T> : IEquatable<EquatableArray<T>>, IEnumerable<T>
{
    private readonly T[]? _items;

    public EquatableArray(T[] items) => _items = items;

    public bool Equals(EquatableArray<T> other) => (_items ?? []).SequenceEqual(other._items ?? []);

    public override bool Equals(object? obj) => obj is EquatableArray<T> other && Equals(other);

    public override int GetHashCode() => (_items ?? []).Aggregate(17, (hash, item) => (hash * 31) + (item?.GetHashCode() ?? 0));

    public IEnumerator<T> GetEnumerator() => ((IEnumerable<T>)(_items ?? [])).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
