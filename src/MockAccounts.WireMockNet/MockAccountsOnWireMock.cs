using AnyOfTypes;
using MockAccounts.Core.Contracts;
using MockAccounts.Core.Runtime;
using WireMock.Matchers;
using WireMock.Models;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace MockAccounts.WireMockNet;

/// <summary>
/// The MockAccounts vendors on a WireMock.Net server: one mapping per vendor path (at its real path and under <c>/&lt;vendor&gt;</c>),
/// answered by the MockAccounts engine. Each vendor is also a WireMock.Net scenario whose state is the vendor's scenario:
/// <c>server.SetScenarioState("runloop", "quota-reached")</c>, <c>server.ResetScenarios()</c> and WireMock.Net's
/// <c>PUT /__admin/scenarios/runloop/state</c> switch it. Dispose removes the mappings.
/// </summary>
public sealed class MockAccountsOnWireMock : IDisposable
{
    private readonly WireMockServer _server;
    private readonly MockEngine _engine;
    private readonly ScenarioStates _states;
    private readonly WireMockResponder _responder;
    private readonly int _priority;
    private readonly List<Guid> _mappings = [];
    private readonly Lock _registering = new();
    private int _disposed;

    internal MockAccountsOnWireMock(WireMockServer server, MockEngine engine, MockAccountsWireMockOptions options)
    {
        _server = server;
        _engine = engine;
        _priority = options.Priority;
        _states = new ScenarioStates(server, engine);
        _responder = new WireMockResponder(engine, _states, options.TimeProvider);
        Register();
    }

    /// <summary>The vendors served, e.g. <c>runloop</c>, <c>opterius</c>, <c>depicta</c>, <c>ultravox</c>: each also the name of its WireMock.Net scenario.</summary>
    public IReadOnlyList<string> Vendors => [.. _engine.Contracts.Current.Contracts.Vendors.Keys];

    /// <summary>The ids of the WireMock.Net mappings that answer the vendors (in <c>server.Mappings</c> and <c>GET /__admin/mappings</c>).</summary>
    public IReadOnlyList<Guid> MappingIds
    {
        get
        {
            lock (_registering)
            {
                return [.. _mappings];
            }
        }
    }

    /// <summary>A vendor's accounts and bindings: <c>await mock.Vendor("depicta").CreateAccountAsync("unverified-email")</c>.</summary>
    /// <param name="name">The vendor's name (typed: <c>Vendors.Depicta</c>).</param>
    /// <exception cref="ArgumentException">No such vendor; the message lists them.</exception>
    public WireMockVendor Vendor(string name)
    {
        var found = _engine.Admin.FindVendor(name);
        return found.Value is { } vendor ? new WireMockVendor(vendor.Name, _engine) : throw new ArgumentException(found.Problem!.Detail, nameof(name));
    }

    /// <summary>
    /// Back to a fresh start: every vendor's WireMock.Net scenario reset (your own scenarios are left alone), token bindings,
    /// account edits, variants and sequences forgotten, and the vendor mappings registered again if <c>server.ResetMappings()</c>
    /// or <c>server.Reset()</c> removed them.
    /// </summary>
    /// <param name="cancellationToken">Stops before anything is changed.</param>
    public async Task ResetAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) == 1, this);
        foreach (var vendor in Vendors)
        {
            _server.ResetScenario(vendor);
        }

        await _engine.Admin.ResetAsync().ConfigureAwait(false);
        _states.Forget();
        var present = _server.Mappings.Select(m => m.Guid).ToHashSet();
        if (MappingIds.Any(id => !present.Contains(id)))
        {
            Remove();
            Register();
        }

    }

    /// <summary>Removes the vendor mappings from the server and releases the contracts; the server keeps running.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        Remove();
        _engine.Dispose();
    }

    private void Register()
    {
        lock (_registering)
        {
            foreach (var vendor in _engine.Contracts.Current.Contracts.Vendors.Values)
            {
                foreach (var (path, methods) in Paths(vendor))
                {
                    var id = Guid.NewGuid();
                    _server
                        .Given(Request.Create().WithPath(Matcher(path, $"/{vendor.Name}{path}")).UsingAnyMethod())
                        .WithGuid(id)
                        .AtPriority(_priority)
                        .WithTitle($"MockAccounts {vendor.Name} {path}")
                        .WithDescription($"{string.Join(", ", methods)} {path} (and /{vendor.Name}{path}), answered by MockAccounts from the '{vendor.Name}' contract; its scenario is the WireMock.Net scenario '{vendor.Name}'.")
                        .RespondWith(Response.Create().WithCallback(_responder.AnswerAsync));
                    _mappings.Add(id);
                }
            }
        }
    }

    private void Remove()
    {
        lock (_registering)
        {
            foreach (var id in _mappings)
            {
                _server.DeleteMapping(id);
            }

            _mappings.Clear();
        }
    }

    /// <summary>Every path the vendor documents in any variant, with its methods.</summary>
    private static IEnumerable<(string Path, string[] Methods)> Paths(VendorContract vendor) =>
        vendor.Variants.Values.SelectMany(v => v.Operations)
            .GroupBy(o => o.Path, StringComparer.Ordinal)
            .Select(g => (g.Key, g.Select(o => o.Method).Distinct(StringComparer.Ordinal).ToArray()));

    private static IStringMatcher Matcher(string path, string prefixed) =>
        path.Contains('{', StringComparison.Ordinal)
            ? new RegexMatcher(MatchBehaviour.AcceptOnMatch, [WireMockResponder.PathPattern(path), WireMockResponder.PathPattern(prefixed)], ignoreCase: false, matchOperator: MatchOperator.Or)
            : new ExactMatcher(MatchBehaviour.AcceptOnMatch, ignoreCase: false, MatchOperator.Or, [(AnyOf<string, StringPattern>)path, (AnyOf<string, StringPattern>)prefixed]);
}
