using System.Collections.Concurrent;
using MockAccounts.Core.Responses;
using MockAccounts.Core.Runtime;
using WireMock.Server;

namespace MockAccounts.WireMockNet;

/// <summary>
/// Each vendor is a WireMock.Net scenario of the same name whose state is the vendor's scenario. WireMock.Net 1.25.0 keeps
/// scenario states in a dictionary of its own and tells nobody when <c>SetScenarioState</c>, <c>ResetScenarios</c> or its
/// admin API (<c>PUT /__admin/scenarios/{name}/state</c>) change it; its only public view is <c>WireMockServer.Scenarios</c>,
/// a copy. So each vendor request reads that copy (a few entries) and carries a change into the engine's state, once, before
/// the pipeline runs: no timer, no reflection on WireMock.Net's private fields.
/// </summary>
internal sealed class ScenarioStates
{
    private readonly WireMockServer _server;
    private readonly MockEngine _engine;

    // The WireMock.Net state last carried over, per vendor ("" for none); a change is applied by whoever swaps it in.
    private readonly ConcurrentDictionary<string, string> _carried = new(StringComparer.Ordinal);

    public ScenarioStates(WireMockServer server, MockEngine engine)
    {
        _server = server;
        _engine = engine;
    }

    /// <summary>The vendor's WireMock.Net state in the engine; a problem when it names no scenario of the vendor.</summary>
    /// <param name="vendor">The vendor the request is for.</param>
    public Problem? Carry(string vendor)
    {
        var state = StateOf(vendor) ?? "";
        var carried = _carried.GetOrAdd(vendor, "");
        if (state != carried && _carried.TryUpdate(vendor, state, carried))
        {
            Apply(vendor, state);
        }

        if (state.Length == 0 || _engine.Admin.FindVendor(vendor).Value is not { } contract)
        {
            return null;
        }

        var catalogue = _engine.Admin.CurrentVariant(contract).Catalogue;
        return catalogue.Find(state) is not null
            ? null
            : new Problem(400, "Unknown scenario",
                $"The WireMock.Net scenario '{vendor}' is in state '{state}', which is no scenario of '{vendor}' (scenarios: {string.Join(", ", catalogue.Names)}). " +
                $"Set one of those with server.SetScenarioState(\"{vendor}\", …), or reset it.").With("scenarios", catalogue.Names);
    }

    /// <summary>Forgets what was carried over: the engine and WireMock.Net were both reset.</summary>
    public void Forget() => _carried.Clear();

    private void Apply(string vendor, string state)
    {
        if (_engine.Admin.FindVendor(vendor).Value is not { } contract)
        {
            return;
        }

        if (state.Length == 0 || Done(_engine.Admin.SetVendorScenarioAsync(contract, state)) is not null)
        {
            // Reset, or a state that is no scenario (refused per request by Carry): the vendor's default, sequences restarted.
            Done(_engine.Admin.ResetVendorScenarioAsync(contract));
        }
    }

    /// <summary>A change to this engine's own state, which is made at once (the engine under WireMock.Net never shares its state).</summary>
    private static T Done<T>(ValueTask<T> change) =>
        change.IsCompleted ? change.GetAwaiter().GetResult() : throw new InvalidOperationException("The engine's state is shared: WireMock.Net's scenarios cannot carry over to it.");

    private static void Done(ValueTask change)
    {
        if (!change.IsCompleted)
        {
            throw new InvalidOperationException("The engine's state is shared: WireMock.Net's scenarios cannot carry over to it.");
        }

        change.GetAwaiter().GetResult();
    }

    private string? StateOf(string vendor)
    {
        // A copy, keyed case-sensitively though WireMock.Net matches names ignoring case: look it up the way WireMock.Net does.
        foreach (var (name, state) in _server.Scenarios)
        {
            if (string.Equals(name, vendor, StringComparison.OrdinalIgnoreCase))
            {
                return state.NextState;
            }
        }

        return null;
    }
}
