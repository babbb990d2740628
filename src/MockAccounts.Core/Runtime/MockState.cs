using System.Collections.Concurrent;
using MockAccounts.Core.Generation;

namespace MockAccounts.Core.Runtime;

/// <summary>
/// Everything a running mock remembers: each vendor's current scenario and variant, scenarios
/// bound to single tokens, sequence progress and per-token account edits. Lock-free: every
/// request reads each value once, so a switch racing a request yields wholly old or wholly new.
/// Per-token memory is bounded: past <see cref="TokenCapacity"/> the least recently used go.
/// </summary>
public sealed class MockState
{
    /// <summary>Per-token entries kept of each kind unless configured otherwise.</summary>
    public const int DefaultTokenCapacity = 100_000;

    private readonly ConcurrentDictionary<string, string> _vendorScenarios = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _vendorVariants = new(StringComparer.Ordinal);
    private readonly BoundedMap<TokenKey, string> _bindings;
    private readonly ConcurrentDictionary<string, long> _vendorEpochs = new(StringComparer.Ordinal);
    private readonly BoundedMap<TokenKey, Progress> _progress;
    private readonly BoundedMap<TokenKey, OverrideNode> _accounts;
    private readonly ConcurrentDictionary<string, Variation> _vendorVariations = new(StringComparer.Ordinal);
    private readonly BoundedMap<TokenKey, Variation> _tokenVariations;
    private readonly BoundedMap<TokenKey, string> _tokenVariants;
    private readonly BoundedMap<TokenKey, RequestCounter> _requestNumbers;

    // Most runs never set a token's variation or variant: the default path then skips those lookups.
    private volatile bool _anyTokenVariation;
    private volatile bool _anyTokenVariant;

    /// <summary>Fresh state: every vendor on its default scenario.</summary>
    /// <param name="tokenCapacity">Per-token entries kept of each kind before the least recently used go.</param>
    public MockState(int tokenCapacity = DefaultTokenCapacity)
    {
        TokenCapacity = tokenCapacity;
        _bindings = new(tokenCapacity);
        _progress = new(tokenCapacity);
        _accounts = new(tokenCapacity);
        _tokenVariations = new(tokenCapacity);
        _tokenVariants = new(tokenCapacity);
        _requestNumbers = new(tokenCapacity);
    }

    /// <summary>Per-token entries kept of each kind before the least recently used go.</summary>
    public int TokenCapacity { get; }

    /// <summary>Tokens remembered now (bindings, sequence positions, account edits).</summary>
    public int TokenEntries => _bindings.Count + _progress.Count + _accounts.Count + _tokenVariations.Count + _tokenVariants.Count + _requestNumbers.Count;

    /// <summary>Per-token entries dropped to stay within <see cref="TokenCapacity"/>.</summary>
    public long EvictedTokenEntries =>
        _bindings.Evicted + _progress.Evicted + _accounts.Evicted + _tokenVariations.Evicted + _tokenVariants.Evicted + _requestNumbers.Evicted;

    /// <summary>The scenario set for the vendor through the admin API, or null for the catalogue default.</summary>
    /// <param name="vendor">The vendor name.</param>
    public string? VendorScenario(string vendor) => _vendorScenarios.GetValueOrDefault(vendor);

    /// <summary>Serves <paramref name="scenario"/> to the vendor's tokens that have none bound.</summary>
    /// <param name="vendor">The vendor name.</param>
    /// <param name="scenario">The scenario name.</param>
    public void SetVendorScenario(string vendor, string scenario)
    {
        _vendorScenarios[vendor] = scenario;
        RestartSequences(vendor);
    }

    /// <summary>One vendor back to its default scenario (WireMock: one scenario back to "Started").</summary>
    public void ResetVendorScenario(string vendor)
    {
        _vendorScenarios.TryRemove(vendor, out _);
        RestartSequences(vendor);
    }

    /// <summary>The variant set for the vendor through the admin API, or null.</summary>
    /// <param name="vendor">The vendor name.</param>
    public string? VendorVariant(string vendor) => _vendorVariants.GetValueOrDefault(vendor);

    /// <summary>Serves <paramref name="variant"/> to the vendor's tokens that have none of their own.</summary>
    /// <param name="vendor">The vendor name.</param>
    /// <param name="variant">The variant name.</param>
    public void SetVendorVariant(string vendor, string variant) => _vendorVariants[vendor] = variant;

    /// <summary>The variation set for the vendor, or null for the server default.</summary>
    /// <param name="vendor">The vendor name.</param>
    public Variation? VendorVariation(string vendor) => _vendorVariations.TryGetValue(vendor, out var variation) ? variation : null;

    /// <summary>Sets the variation of the vendor's tokens that have none of their own.</summary>
    /// <param name="vendor">The vendor name.</param>
    /// <param name="variation">Realistic or edge bodies.</param>
    public void SetVendorVariation(string vendor, Variation variation) => _vendorVariations[vendor] = variation;

    /// <summary>The variation set for one token, or null for the vendor's.</summary>
    /// <param name="vendor">The vendor name.</param>
    /// <param name="token">The credential.</param>
    public Variation? TokenVariation(string vendor, string token) =>
        _anyTokenVariation && _tokenVariations.TryGetValue(new TokenKey(vendor, token), out var variation) ? variation : null;

    /// <summary>Sets the variation of one token's bodies.</summary>
    /// <param name="vendor">The vendor name.</param>
    /// <param name="token">The credential.</param>
    /// <param name="variation">Realistic or edge bodies.</param>
    public void SetTokenVariation(string vendor, string token, Variation variation)
    {
        _anyTokenVariation = true;
        _tokenVariations.Set(new TokenKey(vendor, token), variation);
    }

    /// <summary>The variant bound to one token (null: the vendor's).</summary>
    public string? TokenVariant(string vendor, string token) =>
        _anyTokenVariant ? _tokenVariants.GetValueOrDefault(new TokenKey(vendor, token)) : null;

    /// <summary>Serves one token from <paramref name="variant"/> whatever the vendor's variant.</summary>
    /// <param name="vendor">The vendor name.</param>
    /// <param name="token">The credential.</param>
    /// <param name="variant">The variant name.</param>
    public void SetTokenVariant(string vendor, string token, string variant)
    {
        _anyTokenVariant = true;
        _tokenVariants.Set(new TokenKey(vendor, token), variant);
    }

    /// <summary>Claims the token's next request number (for bodies that vary per request); atomic under concurrency.</summary>
    public long NextRequestNumber(string vendor, string token) =>
        Interlocked.Increment(ref _requestNumbers.GetOrAdd(new TokenKey(vendor, token), _ => new RequestCounter()).Next) - 1;

    /// <summary>The request number the token's next varying request will take, without claiming it.</summary>
    public long PeekRequestNumber(string vendor, string token) =>
        _requestNumbers.TryGetValue(new TokenKey(vendor, token), out var counter) ? Interlocked.Read(ref counter.Next) : 0;

    /// <summary>The scenario bound to one token, or null when it follows the vendor's.</summary>
    /// <param name="vendor">The vendor name.</param>
    /// <param name="token">The credential.</param>
    public string? Binding(string vendor, string token) => _bindings.GetValueOrDefault(new TokenKey(vendor, token));

    /// <summary>Binds one token to a scenario; the token starts over (sequence and request numbers back to 0).</summary>
    /// <param name="vendor">The vendor name.</param>
    /// <param name="token">The credential.</param>
    /// <param name="scenario">The scenario name.</param>
    public void Bind(string vendor, string token, string scenario)
    {
        var key = new TokenKey(vendor, token);
        _bindings.Set(key, scenario);
        _progress.TryRemove(key);
        // A token bound afresh starts over: its first request is request 0 again (sequences and edges alike).
        _requestNumbers.TryRemove(key);
    }

    /// <summary>Returns the token to the vendor's scenario; false when it had no binding.</summary>
    /// <param name="vendor">The vendor name.</param>
    /// <param name="token">The credential.</param>
    public bool Unbind(string vendor, string token) => _bindings.TryRemove(new TokenKey(vendor, token));

    /// <summary>Claims the next position in a sequence for this token; atomic under concurrency.</summary>
    public long NextIndex(string vendor, string token, string scenario)
    {
        var key = new TokenKey(vendor, token);
        var epoch = _vendorEpochs.GetValueOrDefault(vendor);
        while (true)
        {
            var progress = _progress.GetOrAdd(key, _ => new Progress(scenario, epoch));
            if (progress.Counts(scenario, epoch))
            {
                return Interlocked.Increment(ref progress.Next) - 1;
            }

            // Counting for another scenario (or before a vendor switch): start over, once, atomically.
            _progress.TryReplace(key, progress, new Progress(scenario, epoch));
        }
    }

    /// <summary>The position the next request would take, without claiming it.</summary>
    public long PeekIndex(string vendor, string token, string scenario) =>
        _progress.TryGetValue(new TokenKey(vendor, token), out var progress) && progress.Counts(scenario, _vendorEpochs.GetValueOrDefault(vendor))
            ? Interlocked.Read(ref progress.Next)
            : 0;

    /// <summary>The token's account edits (admin edits, actions), or null when it has none.</summary>
    /// <param name="vendor">The vendor name.</param>
    /// <param name="token">The credential.</param>
    public OverrideNode? Account(string vendor, string token) => _accounts.GetValueOrDefault(new TokenKey(vendor, token));

    /// <summary>Layers <paramref name="edit"/> over the token's current account edits.</summary>
    public void EditAccount(string vendor, string token, OverrideNode edit) =>
        _accounts.AddOrUpdate(new TokenKey(vendor, token), edit, current => OverrideNode.Layer(current, edit)!);

    /// <summary>Drops the token's account edits; false when it had none.</summary>
    /// <param name="vendor">The vendor name.</param>
    /// <param name="token">The credential.</param>
    public bool ClearAccount(string vendor, string token) => _accounts.TryRemove(new TokenKey(vendor, token));

    /// <summary>Every vendor back to its default scenario and sequences to their start.</summary>
    public void ResetScenarios()
    {
        _vendorScenarios.Clear();
        _progress.Clear();
    }

    /// <summary>Back to the state of a fresh start.</summary>
    public void Reset()
    {
        ResetScenarios();
        _vendorVariants.Clear();
        _bindings.Clear();
        _accounts.Clear();
        _vendorVariations.Clear();
        _tokenVariations.Clear();
        _tokenVariants.Clear();
        _requestNumbers.Clear();
    }

    /// <summary>Every sequence of the vendor starts over: positions recorded before now no longer count.</summary>
    private void RestartSequences(string vendor) => _vendorEpochs.AddOrUpdate(vendor, 1, (_, epoch) => epoch + 1);

    private readonly record struct TokenKey(string Vendor, string Token);

    private sealed class RequestCounter
    {
        public long Next;
    }

    /// <summary>A token's position in one sequence, valid for one vendor epoch.</summary>
    private sealed class Progress(string scenario, long epoch)
    {
        public long Next;

        public bool Counts(string forScenario, long inEpoch) => scenario == forScenario && epoch == inEpoch;
    }
}
