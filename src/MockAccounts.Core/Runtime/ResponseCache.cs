using System.Runtime.CompilerServices;
using MockAccounts.Core.Contracts;
using MockAccounts.Core.Generation;
using MockAccounts.Core.Http;
using MockAccounts.Core.Responses;
using MockAccounts.Core.Scenarios;
using MockAccounts.Core.Validation;

namespace MockAccounts.Core.Runtime;

/// <summary>
/// Generated and validated responses, reused: a response is fully determined by the contracts
/// loaded, the operation, the scenario step, the token and the token's account edits, so it is
/// computed once per such key. Bounded; the least recently used are dropped first. A response is kept
/// only when its key is asked for a second time within a window of recent misses (a doorkeeper, as in
/// TinyLFU): a flood of one-off tokens then makes short-lived garbage instead of churning the cache's
/// long-lived entries through the old GC generations. Bounded in estimated bytes too (tokens, bodies and
/// headers), so long tokens or large bodies cannot make a cache of many entries large.
/// </summary>
public sealed class ResponseCache
{
    /// <summary>Responses kept unless configured otherwise.</summary>
    public const int DefaultCapacity = 20_000;

    /// <summary>Estimated bytes of responses kept unless configured otherwise (64 MiB; 20,000 ordinary responses take about 25 MB).</summary>
    public const long DefaultByteCapacity = 64L * 1024 * 1024;

    // The key, the entry and the response objects, and the map's node, roughly (64-bit).
    private const long EntryOverhead = 256;

    private const int DoorkeeperBits = 1 << 18;

    private readonly BoundedMap<Key, Entry> _entries;
    private readonly ulong[] _seen = new ulong[DoorkeeperBits / 64];
    private readonly int _window;
    private int _misses;

    /// <summary>An empty cache holding at most <paramref name="capacity"/> responses of at most <paramref name="byteCapacity"/> estimated bytes together.</summary>
    /// <param name="capacity">The most responses kept before the least recently used go.</param>
    /// <param name="byteCapacity">The most estimated bytes kept before the least recently used go.</param>
    public ResponseCache(int capacity = DefaultCapacity, long byteCapacity = DefaultByteCapacity)
    {
        _entries = new BoundedMap<Key, Entry>(capacity, byteCapacity, static (key, entry) => key.EstimatedBytes + EstimatedBytes(entry));
        _window = Math.Max(2 * capacity, 1024);
    }

    /// <summary>Responses held now.</summary>
    public int Count => _entries.Count;

    /// <summary>The estimated bytes the responses held now take.</summary>
    public long Bytes => _entries.Weight;

    /// <summary>The response already made for this key, if any.</summary>
    /// <param name="snapshot">The loaded contracts.</param>
    /// <param name="operation">The operation answering.</param>
    /// <param name="step">The scenario step.</param>
    /// <param name="token">The credential.</param>
    /// <param name="account">The token's account edits, or null.</param>
    /// <param name="entry">The cached response and its violations.</param>
    public bool TryGet(ContractSnapshot snapshot, OperationContract operation, ResponseStep step, string token, OverrideNode? account, out Entry entry) =>
        _entries.TryGetValue(new Key(snapshot, operation, step, token, account), out entry);

    /// <summary>
    /// Keeps <paramref name="entry"/> when its key was missed before within the window (and no other request
    /// stored one first); returns the one kept, or <paramref name="entry"/> itself when it is not kept.
    /// </summary>
    public Entry Add(ContractSnapshot snapshot, OperationContract operation, ResponseStep step, string token, OverrideNode? account, Entry entry)
    {
        var key = new Key(snapshot, operation, step, token, account);
        return SeenBefore(key.GetHashCode()) ? _entries.GetOrAdd(key, entry) : entry;
    }

    /// <summary>Marks the hash as seen and says whether it was; the marks are forgotten every window of misses.</summary>
    private bool SeenBefore(int hash)
    {
        if (Interlocked.Increment(ref _misses) % _window == 0)
        {
            // A benign race: a mark set while clearing is lost, which only delays one response's admission.
            Array.Clear(_seen);
        }

        var bit = (uint)hash % DoorkeeperBits;
        var mask = 1UL << (int)(bit % 64);
        return (Interlocked.Or(ref _seen[bit / 64], mask) & mask) != 0;
    }

    private static long EstimatedBytes(Entry entry) =>
        EntryOverhead + entry.Response.Body.Length + entry.Response.Headers.Sum(h => 48 + (2L * (h.Key.Length + h.Value.Length))) + (256L * entry.Violations.Count);

    /// <summary>A made response with what validation found in it.</summary>
    /// <param name="Response">The response.</param>
    /// <param name="Violations">Where it breaks its contract; empty when it keeps it.</param>
    public sealed record Entry(MockResponse Response, IReadOnlyList<Violation> Violations);

    /// <summary>Contracts, operation, step and edits compare by identity: a reload or an edit makes new ones.</summary>
    private readonly struct Key(ContractSnapshot snapshot, OperationContract operation, ResponseStep step, string token, OverrideNode? account) : IEquatable<Key>
    {
        private readonly ContractSnapshot _snapshot = snapshot;
        private readonly OperationContract _operation = operation;
        private readonly ResponseStep _step = step;
        private readonly string _token = token;
        private readonly OverrideNode? _account = account;

        /// <summary>The token's characters; the rest of the key is shared with the contracts.</summary>
        public long EstimatedBytes => 2L * _token.Length;

        public bool Equals(Key other) =>
            ReferenceEquals(_snapshot, other._snapshot) && ReferenceEquals(_operation, other._operation) && ReferenceEquals(_step, other._step)
            && ReferenceEquals(_account, other._account) && string.Equals(_token, other._token, StringComparison.Ordinal);

        public override bool Equals(object? obj) => obj is Key other && Equals(other);

        public override int GetHashCode() => HashCode.Combine(
            RuntimeHelpers.GetHashCode(_snapshot), RuntimeHelpers.GetHashCode(_operation), RuntimeHelpers.GetHashCode(_step),
            _account is null ? 0 : RuntimeHelpers.GetHashCode(_account), StringComparer.Ordinal.GetHashCode(_token));
    }
}
