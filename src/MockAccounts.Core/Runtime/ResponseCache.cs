using System.Runtime.CompilerServices;
using MockAccounts.Core.Contracts;
using MockAccounts.Core.Generation;
using MockAccounts.Core.Responses;
using MockAccounts.Core.Scenarios;
using MockAccounts.Core.Validation;

namespace MockAccounts.Core.Runtime;

/// <summary>
/// Generated and validated responses, reused: a response is fully determined by the contracts
/// loaded, the operation, the scenario step, the token and the token's account edits, so it is
/// computed once per such key. Bounded; the least recently used are dropped first.
/// </summary>
public sealed class ResponseCache
{
    public const int DefaultCapacity = 20_000;

    private readonly BoundedMap<Key, Entry> _entries;

    public ResponseCache(int capacity = DefaultCapacity) => _entries = new BoundedMap<Key, Entry>(capacity);

    public int Count => _entries.Count;

    public bool TryGet(MockEngine engine, OperationContract operation, ResponseStep step, string token, OverrideNode? account, out Entry entry) =>
        _entries.TryGetValue(new Key(engine, operation, step, token, account), out entry);

    /// <summary>Keeps <paramref name="entry"/> unless another request stored one first; returns the one kept.</summary>
    public Entry Add(MockEngine engine, OperationContract operation, ResponseStep step, string token, OverrideNode? account, Entry entry) =>
        _entries.GetOrAdd(new Key(engine, operation, step, token, account), entry);

    public sealed record Entry(MockResponse Response, IReadOnlyList<Violation> Violations);

    /// <summary>Contracts, operation, step and edits compare by identity: a reload or an edit makes new ones.</summary>
    private readonly struct Key(MockEngine engine, OperationContract operation, ResponseStep step, string token, OverrideNode? account) : IEquatable<Key>
    {
        private readonly MockEngine _engine = engine;
        private readonly OperationContract _operation = operation;
        private readonly ResponseStep _step = step;
        private readonly string _token = token;
        private readonly OverrideNode? _account = account;

        public bool Equals(Key other) =>
            ReferenceEquals(_engine, other._engine) && ReferenceEquals(_operation, other._operation) && ReferenceEquals(_step, other._step)
            && ReferenceEquals(_account, other._account) && string.Equals(_token, other._token, StringComparison.Ordinal);

        public override bool Equals(object? obj) => obj is Key other && Equals(other);

        public override int GetHashCode() => HashCode.Combine(
            RuntimeHelpers.GetHashCode(_engine), RuntimeHelpers.GetHashCode(_operation), RuntimeHelpers.GetHashCode(_step),
            _account is null ? 0 : RuntimeHelpers.GetHashCode(_account), StringComparer.Ordinal.GetHashCode(_token));
    }
}
