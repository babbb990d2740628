using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using MockAccounts.Core.Generation;

namespace MockAccounts.Core.Runtime;

/// <summary>
/// Everything a running mock remembers: each vendor's current scenario and variant, scenarios
/// bound to single tokens, sequence progress and per-token account edits. Lock-free: every
/// request reads each value once, so a switch racing a request yields wholly old or wholly new.
/// </summary>
public sealed class MockState
{
    private readonly ConcurrentDictionary<string, string> _vendorScenarios = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _vendorVariants = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<TokenKey, string> _bindings = new();
    private readonly ConcurrentDictionary<(TokenKey Token, string Scenario), StrongBox<long>> _progress = new();
    private readonly ConcurrentDictionary<TokenKey, OverrideNode> _accounts = new();

    public string? VendorScenario(string vendor) => _vendorScenarios.GetValueOrDefault(vendor);

    public void SetVendorScenario(string vendor, string scenario)
    {
        _vendorScenarios[vendor] = scenario;
        ForgetProgress(k => k.Token.Vendor == vendor);
    }

    /// <summary>One vendor back to its default scenario (WireMock: one scenario back to "Started").</summary>
    public void ResetVendorScenario(string vendor)
    {
        _vendorScenarios.TryRemove(vendor, out _);
        ForgetProgress(k => k.Token.Vendor == vendor);
    }

    public string? VendorVariant(string vendor) => _vendorVariants.GetValueOrDefault(vendor);

    public void SetVendorVariant(string vendor, string variant) => _vendorVariants[vendor] = variant;

    public string? Binding(string vendor, string token) => _bindings.GetValueOrDefault(new TokenKey(vendor, token));

    public void Bind(string vendor, string token, string scenario)
    {
        var key = new TokenKey(vendor, token);
        _bindings[key] = scenario;
        ForgetProgress(k => k.Token == key);
    }

    public bool Unbind(string vendor, string token) => _bindings.TryRemove(new TokenKey(vendor, token), out _);

    /// <summary>Claims the next position in a sequence for this token; atomic under concurrency.</summary>
    public long NextIndex(string vendor, string token, string scenario) =>
        Interlocked.Increment(ref _progress.GetOrAdd((new TokenKey(vendor, token), scenario), _ => new StrongBox<long>()).Value) - 1;

    /// <summary>The position the next request would take, without claiming it.</summary>
    public long PeekIndex(string vendor, string token, string scenario) =>
        _progress.TryGetValue((new TokenKey(vendor, token), scenario), out var box) ? Interlocked.Read(ref box.Value) : 0;

    public OverrideNode? Account(string vendor, string token) => _accounts.GetValueOrDefault(new TokenKey(vendor, token));

    /// <summary>Layers <paramref name="edit"/> over the token's current account edits.</summary>
    public void EditAccount(string vendor, string token, OverrideNode edit) =>
        _accounts.AddOrUpdate(new TokenKey(vendor, token), edit, (_, current) => OverrideNode.Layer(current, edit)!);

    public bool ClearAccount(string vendor, string token) => _accounts.TryRemove(new TokenKey(vendor, token), out _);

    public int TokenCount => _bindings.Count + _accounts.Count;

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
    }

    private void ForgetProgress(Func<(TokenKey Token, string Scenario), bool> which)
    {
        foreach (var key in _progress.Keys.Where(which))
        {
            _progress.TryRemove(key, out _);
        }
    }

    private readonly record struct TokenKey(string Vendor, string Token);
}
