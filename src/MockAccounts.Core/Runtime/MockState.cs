using System.Collections.Concurrent;
using MockAccounts.Core.Generation;

namespace MockAccounts.Core.Runtime;

/// <summary>
/// Everything a running mock remembers: each vendor's current scenario and variant, and per token
/// (<see cref="TokenEntry"/>) its bound scenario, sequence progress, account edits, variation, variant and
/// request count. Lock-free: every request reads each value once, so a switch racing a request yields wholly
/// old or wholly new. Per-token memory is bounded: one entry per token in one map, past
/// <see cref="TokenCapacity"/> entries or <see cref="TokenByteCapacity"/> estimated bytes the least recently used go.
/// Entries are made only by what writes (bindings, sequences, edits, variations, variants, varying bodies);
/// a plain request for a token with none reads and makes nothing.
/// </summary>
public sealed class MockState
{
    /// <summary>Tokens remembered unless configured otherwise.</summary>
    public const int DefaultTokenCapacity = 100_000;

    /// <summary>Estimated bytes of per-token state kept unless configured otherwise (64 MiB): 100,000 ordinary tokens take about 25 MB.</summary>
    public const long DefaultTokenByteCapacity = 64L * 1024 * 1024;

    private readonly ConcurrentDictionary<string, string> _vendorScenarios = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _vendorVariants = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> _vendorEpochs = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Variation> _vendorVariations = new(StringComparer.Ordinal);
    private readonly BoundedMap<TokenKey, TokenEntry> _tokens;

    // Most runs never set a token's variation or variant: the default path then skips those lookups.
    private volatile bool _anyTokenVariation;
    private volatile bool _anyTokenVariant;

    // The versions of the last changes that started every sequence (and every count) over; shared counters count from them.
    private long _scenariosEpoch;
    private long _resetEpoch;

    /// <summary>Fresh state: every vendor on its default scenario.</summary>
    /// <param name="tokenCapacity">Tokens remembered before the least recently used go.</param>
    /// <param name="tokenByteCapacity">Estimated bytes of per-token state kept before the least recently used go.</param>
    public MockState(int tokenCapacity = DefaultTokenCapacity, long tokenByteCapacity = DefaultTokenByteCapacity)
    {
        TokenCapacity = tokenCapacity;
        TokenByteCapacity = tokenByteCapacity;
        _tokens = new(tokenCapacity, tokenByteCapacity, static (_, entry) => entry.EstimatedBytes);
    }

    /// <summary>Tokens remembered before the least recently used go.</summary>
    public int TokenCapacity { get; }

    /// <summary>Estimated bytes of per-token state kept before the least recently used go.</summary>
    public long TokenByteCapacity { get; }

    /// <summary>Tokens remembered now (one entry per token, whatever it holds).</summary>
    public int TokenEntries => _tokens.Count;

    /// <summary>The estimated bytes the token entries hold now.</summary>
    public long TokenBytes => _tokens.Weight;

    /// <summary>Token entries dropped to stay within <see cref="TokenCapacity"/> and <see cref="TokenByteCapacity"/>.</summary>
    public long EvictedTokenEntries => _tokens.Evicted;

    /// <summary>The scenario set for the vendor through the admin API, or null for the catalogue default.</summary>
    /// <param name="vendor">The vendor name.</param>
    public string? VendorScenario(string vendor) => _vendorScenarios.GetValueOrDefault(vendor);

    /// <summary>Serves <paramref name="scenario"/> to the vendor's tokens that have none bound.</summary>
    /// <param name="vendor">The vendor name.</param>
    /// <param name="scenario">The scenario name.</param>
    public void SetVendorScenario(string vendor, string scenario) => SetVendorScenario(vendor, scenario, _vendorEpochs.GetValueOrDefault(vendor) + 1);

    /// <summary>One vendor back to its default scenario (WireMock: one scenario back to "Started").</summary>
    public void ResetVendorScenario(string vendor) => SetVendorScenario(vendor, null, _vendorEpochs.GetValueOrDefault(vendor) + 1);

    /// <summary>Sets (or, with null, resets) the vendor's scenario by the change of version <paramref name="epoch"/>: its sequences start over.</summary>
    /// <param name="vendor">The vendor name.</param>
    /// <param name="scenario">The scenario name; null for the catalogue default.</param>
    /// <param name="epoch">The version of the change (greater than any before it).</param>
    public void SetVendorScenario(string vendor, string? scenario, long epoch)
    {
        if (scenario is null)
        {
            _vendorScenarios.TryRemove(vendor, out _);
        }
        else
        {
            _vendorScenarios[vendor] = scenario;
        }

        _vendorEpochs[vendor] = epoch;
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
        _anyTokenVariation && Find(vendor, token) is { } entry ? entry.Variation : null;

    /// <summary>Sets the variation of one token's bodies.</summary>
    /// <param name="vendor">The vendor name.</param>
    /// <param name="token">The credential.</param>
    /// <param name="variation">Realistic or edge bodies.</param>
    public void SetTokenVariation(string vendor, string token, Variation variation)
    {
        _anyTokenVariation = true;
        Entry(vendor, token).SetVariation(variation);
    }

    /// <summary>The variant bound to one token (null: the vendor's).</summary>
    public string? TokenVariant(string vendor, string token) =>
        _anyTokenVariant ? Find(vendor, token)?.Variant : null;

    /// <summary>Serves one token from <paramref name="variant"/> whatever the vendor's variant.</summary>
    /// <param name="vendor">The vendor name.</param>
    /// <param name="token">The credential.</param>
    /// <param name="variant">The variant name.</param>
    public void SetTokenVariant(string vendor, string token, string variant)
    {
        _anyTokenVariant = true;
        Entry(vendor, token).SetVariant(variant);
    }

    /// <summary>Claims the token's next request number (for bodies that vary per request); atomic under concurrency.</summary>
    public long NextRequestNumber(string vendor, string token) => Entry(vendor, token).NextRequestNumber();

    /// <summary>The request number the token's next varying request will take, without claiming it.</summary>
    public long PeekRequestNumber(string vendor, string token) => Find(vendor, token)?.PeekRequestNumber ?? 0;

    /// <summary>The scenario bound to one token, or null when it follows the vendor's.</summary>
    /// <param name="vendor">The vendor name.</param>
    /// <param name="token">The credential.</param>
    public string? Binding(string vendor, string token) => Find(vendor, token)?.Binding;

    /// <summary>Binds one token to a scenario; the token starts over (sequence and request numbers back to 0).</summary>
    /// <param name="vendor">The vendor name.</param>
    /// <param name="token">The credential.</param>
    /// <param name="scenario">The scenario name.</param>
    public void Bind(string vendor, string token, string scenario) => Entry(vendor, token).Bind(scenario);

    /// <summary>Binds one token to a scenario by the change of version <paramref name="epoch"/>; the token starts over.</summary>
    /// <param name="vendor">The vendor name.</param>
    /// <param name="token">The credential.</param>
    /// <param name="scenario">The scenario name.</param>
    /// <param name="epoch">The version of the change.</param>
    public void Bind(string vendor, string token, string scenario, long epoch) => Entry(vendor, token).Bind(scenario, epoch);

    /// <summary>The shared count of the token's position in <paramref name="scenario"/>, in the epoch this view knows.</summary>
    /// <param name="vendor">The vendor name.</param>
    /// <param name="token">The credential.</param>
    /// <param name="scenario">The sequence scenario.</param>
    public SharedCounter SequenceCounter(string vendor, string token, string scenario) =>
        new(SharedCounterKind.Sequence, vendor, token, scenario,
            Math.Max(Math.Max(_vendorEpochs.GetValueOrDefault(vendor), Interlocked.Read(ref _scenariosEpoch)), Find(vendor, token)?.Epoch ?? 0));

    /// <summary>Whether the shared count <paramref name="counter"/> is known to have passed its sequence's last step (see <see cref="TokenEntry.SharedSequenceEnded"/>).</summary>
    /// <param name="counter">A sequence's shared count.</param>
    public bool SharedSequenceEnded(in SharedCounter counter) => Find(counter.Vendor, counter.Token)?.SharedSequenceEnded(counter.Scenario, counter.Epoch) ?? false;

    /// <summary>Remembers that the shared count <paramref name="counter"/> has passed its sequence's last step.</summary>
    /// <param name="counter">A sequence's shared count.</param>
    public void EndSharedSequence(in SharedCounter counter) => Entry(counter.Vendor, counter.Token).EndSharedSequence(counter.Scenario, counter.Epoch);

    /// <summary>The shared count of the token's varying requests, in the epoch this view knows.</summary>
    /// <param name="vendor">The vendor name.</param>
    /// <param name="token">The credential (empty for requests without one).</param>
    public SharedCounter RequestNumberCounter(string vendor, string token) =>
        new(SharedCounterKind.RequestNumber, vendor, token, "", Math.Max(Interlocked.Read(ref _resetEpoch), Find(vendor, token)?.Epoch ?? 0));

    /// <summary>Returns the token to the vendor's scenario; false when it had no binding.</summary>
    /// <param name="vendor">The vendor name.</param>
    /// <param name="token">The credential.</param>
    public bool Unbind(string vendor, string token) => Find(vendor, token)?.Unbind() ?? false;

    /// <summary>Claims the next position in a sequence for this token; atomic under concurrency.</summary>
    public long NextIndex(string vendor, string token, string scenario) =>
        Entry(vendor, token).NextIndex(scenario, _vendorEpochs.GetValueOrDefault(vendor));

    /// <summary>The position the next request would take, without claiming it.</summary>
    public long PeekIndex(string vendor, string token, string scenario) =>
        Find(vendor, token)?.PeekIndex(scenario, _vendorEpochs.GetValueOrDefault(vendor)) ?? 0;

    /// <summary>The token's account edits (admin edits, actions), or null when it has none.</summary>
    /// <param name="vendor">The vendor name.</param>
    /// <param name="token">The credential.</param>
    public OverrideNode? Account(string vendor, string token) => Find(vendor, token)?.Account;

    /// <summary>Layers <paramref name="edit"/> over the token's current account edits.</summary>
    public void EditAccount(string vendor, string token, OverrideNode edit)
    {
        var key = new TokenKey(vendor, token);
        _tokens.GetOrAdd(key, NewEntry).EditAccount(edit);
        _tokens.Reweigh(key);
    }

    /// <summary>Drops the token's account edits; false when it had none.</summary>
    /// <param name="vendor">The vendor name.</param>
    /// <param name="token">The credential.</param>
    public bool ClearAccount(string vendor, string token)
    {
        var key = new TokenKey(vendor, token);
        if (!_tokens.TryGetValue(key, out var entry) || !entry.ClearAccount())
        {
            return false;
        }

        _tokens.Reweigh(key);
        return true;
    }

    /// <summary>Every vendor back to its default scenario and sequences to their start.</summary>
    public void ResetScenarios() => ResetScenarios(Interlocked.Read(ref _scenariosEpoch) + 1);

    /// <summary>Every vendor back to its default scenario and sequences to their start, by the change of version <paramref name="epoch"/>.</summary>
    /// <param name="epoch">The version of the change.</param>
    public void ResetScenarios(long epoch)
    {
        Interlocked.Exchange(ref _scenariosEpoch, epoch);
        _vendorScenarios.Clear();
        foreach (var entry in _tokens.Values)
        {
            entry.RestartSequence();
        }
    }

    /// <summary>Back to the state of a fresh start.</summary>
    public void Reset() => Reset(Interlocked.Read(ref _resetEpoch) + 1);

    /// <summary>Back to the state of a fresh start, by the change of version <paramref name="epoch"/>.</summary>
    /// <param name="epoch">The version of the change.</param>
    public void Reset(long epoch)
    {
        Interlocked.Exchange(ref _resetEpoch, epoch);
        Interlocked.Exchange(ref _scenariosEpoch, Math.Max(epoch, Interlocked.Read(ref _scenariosEpoch)));
        _vendorScenarios.Clear();
        _vendorVariants.Clear();
        _vendorVariations.Clear();
        _tokens.Clear();
    }

    /// <summary>Forgets everything, the counts' epochs too: a view about to be loaded afresh from a shared store.</summary>
    internal void Clear()
    {
        Reset(0);
        Interlocked.Exchange(ref _scenariosEpoch, 0);
        _vendorEpochs.Clear();
    }

    private TokenEntry? Find(string vendor, string token) => _tokens.TryGetValue(new TokenKey(vendor, token), out var entry) ? entry : null;

    private TokenEntry Entry(string vendor, string token) => _tokens.GetOrAdd(new TokenKey(vendor, token), NewEntry);

    private static TokenEntry NewEntry(TokenKey key) => new(key.Vendor, key.Token);

    private readonly record struct TokenKey(string Vendor, string Token);
}
