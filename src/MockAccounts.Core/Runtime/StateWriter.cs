using System.Text.Json.Nodes;
using MockAccounts.Core.Generation;
using MockAccounts.Core.Mappings;

namespace MockAccounts.Core.Runtime;

/// <summary>
/// Where every change to a running mock's state goes (the admin use-cases', an action's, a stub scenario's move): applied
/// at once when the state is the process's own; with <see cref="Shared"/> set, sent to the store every replica shares,
/// which orders it and brings it back to each replica's <see cref="Apply"/>. A replica applies changes one at a time in
/// that order, so every replica's view goes through the same states.
/// </summary>
public sealed class StateWriter
{
    private readonly MockState _state;
    private readonly MockPipeline _pipeline;
    private readonly ContractStore _contracts;
    private readonly Func<string, byte[]?> _bodyFiles;
    private long _version;
    private long _changesAlone;
    private long _countsAlone;

    /// <summary>The writer of one engine's state.</summary>
    /// <param name="state">The per-vendor and per-token state.</param>
    /// <param name="pipeline">The pipeline (its stub mappings, and the variant an admin account edit compiles against).</param>
    /// <param name="contracts">The contracts (the vendors, and where a stub mapping's body files are).</param>
    public StateWriter(MockState state, MockPipeline pipeline, ContractStore contracts)
    {
        _state = state;
        _pipeline = pipeline;
        _contracts = contracts;
        _bodyFiles = StubMappingFiles.BodyFiles(contracts.Sources);
    }

    /// <summary>The store shared with other replicas, or null while the state is this process's own.</summary>
    public ISharedState? Shared { get; private set; }

    /// <summary>The version of the last change applied to this view.</summary>
    public long Version => Interlocked.Read(ref _version);

    /// <summary>
    /// Changes vendor requests made on this replica alone (an action's edit, a stub scenario's move) while the shared store
    /// could not be reached, since it last loaded the shared state: the request was answered all the same, and the next load undoes them.
    /// </summary>
    public long ChangesAlone => Interlocked.Read(ref _changesAlone);

    /// <summary>Sequence steps and body numbers counted on this replica alone while the shared store could not be reached.</summary>
    public long CountsAlone => Interlocked.Read(ref _countsAlone);

    /// <summary>Records a change made on this replica alone.</summary>
    public void ChangedAlone() => Interlocked.Increment(ref _changesAlone);

    /// <summary>Records a count made on this replica alone.</summary>
    public void CountedAlone() => Interlocked.Increment(ref _countsAlone);

    /// <summary>From now on, changes go through <paramref name="shared"/> (set once, before serving).</summary>
    /// <param name="shared">The store every replica shares.</param>
    public void Share(ISharedState shared)
    {
        ArgumentNullException.ThrowIfNull(shared);
        if (Shared is not null)
        {
            throw new InvalidOperationException("The state is shared already.");
        }

        Shared = shared;
    }

    /// <summary>Makes a change: applied now, or, shared, once every live replica has applied it.</summary>
    /// <param name="change">The change.</param>
    /// <param name="cancellationToken">Stops waiting for the replicas.</param>
    /// <exception cref="SharedStateUnavailableException">The shared store cannot be reached: nothing changed.</exception>
    public ValueTask WriteAsync(StateChange change, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(change);
        if (Shared is { } shared)
        {
            return shared.ShareAsync(change, cancellationToken);
        }

        Apply(change, Interlocked.Increment(ref _version));
        return ValueTask.CompletedTask;
    }

    /// <summary>
    /// Applies one change to this replica's view. Shared, the store calls it for every change in its order, one at a time;
    /// <paramref name="version"/> is the change's place in that order (sequences count from the version that started them).
    /// </summary>
    /// <param name="change">The change.</param>
    /// <param name="version">The change's version, greater than any applied before.</param>
    public void Apply(StateChange change, long version)
    {
        ArgumentNullException.ThrowIfNull(change);
        var vendor = change.Vendor ?? "";
        var token = change.Token ?? "";
        switch (change.Kind)
        {
            case StateChangeKind.VendorScenario:
                _state.SetVendorScenario(vendor, change.Value, version);
                break;
            case StateChangeKind.VendorVariant when change.Value is { } variant:
                _state.SetVendorVariant(vendor, variant);
                break;
            case StateChangeKind.VendorVariation when Variation(change.Value) is { } variation:
                _state.SetVendorVariation(vendor, variation);
                break;
            case StateChangeKind.TokenBinding when change.Value is { } scenario:
                _state.Bind(vendor, token, scenario, version);
                break;
            case StateChangeKind.TokenBinding:
                _state.Unbind(vendor, token);
                break;
            case StateChangeKind.TokenVariant when change.Value is { } variant:
                _state.SetTokenVariant(vendor, token, variant);
                break;
            case StateChangeKind.TokenVariation when Variation(change.Value) is { } variation:
                _state.SetTokenVariation(vendor, token, variation);
                break;
            case StateChangeKind.AccountEdit:
                foreach (var edit in change.Edits.Count > 0 ? change.Edits : Compile(vendor, change.Patch))
                {
                    _state.EditAccount(vendor, token, edit);
                }

                break;
            case StateChangeKind.AccountCleared:
                _state.ClearAccount(vendor, token);
                break;
            case StateChangeKind.ScenariosReset:
                _state.ResetScenarios(version);
                _pipeline.Stubs.ResetScenarios();
                break;
            case StateChangeKind.Reset:
                _state.Reset(version);
                _pipeline.Stubs.Reset();
                _pipeline.Stubs.ResetScenarios();
                break;
            case StateChangeKind.StubMappings:
                _pipeline.Stubs.Apply(change.Mappings, change.Removed, version);
                break;
            case StateChangeKind.StubMappingsReset:
                _pipeline.Stubs.Reset();
                break;
            case StateChangeKind.StubScenarioState when change.Name is { } name:
                _pipeline.Stubs.SetState(name, change.Value);
                break;
        }

        InterlockedMax(ref _version, version);
    }

    /// <summary>A stub mapping as another replica sent it (WireMock JSON), read as this replica's files resolve it; null with the problems when it cannot be.</summary>
    /// <param name="json">The mapping's JSON.</param>
    /// <param name="problems">Receives why it cannot be read.</param>
    public StubMapping? ReadMapping(JsonNode? json, List<string> problems) =>
        StubMappingParser.Parse(json, _bodyFiles, problems, _pipeline.Defaults.Templates);

    /// <summary>
    /// Makes the view wholly new from the store's own copy: back to nothing (epochs too), then every change the store
    /// keeps, in version order, then at <paramref name="version"/> (a replica that starts, or missed changes, loads so).
    /// </summary>
    /// <param name="changes">What the store keeps, each change with its version.</param>
    /// <param name="version">The store's version when they were read.</param>
    public void Load(IEnumerable<(StateChange Change, long Version)> changes, long version)
    {
        ArgumentNullException.ThrowIfNull(changes);
        _state.Clear();
        _pipeline.Stubs.Reset();
        _pipeline.Stubs.ResetScenarios();
        Interlocked.Exchange(ref _version, 0);
        foreach (var (change, at) in changes.OrderBy(c => c.Version))
        {
            Apply(change, at);
        }

        Interlocked.Exchange(ref _version, version);
        Interlocked.Exchange(ref _changesAlone, 0);
        Interlocked.Exchange(ref _countsAlone, 0);
    }

    private OverrideNode[] Compile(string vendor, JsonNode? patch) =>
        patch is not null && _contracts.Current.Contracts.Find(vendor) is { } contract && MockAdmin.CompileEdit(_pipeline.VariantOf(contract), patch).Edit is { } edit
            ? [edit]
            : [];

    private static Variation? Variation(string? name) =>
        Enum.TryParse<Variation>(name, ignoreCase: true, out var variation) ? variation : null;

    private static void InterlockedMax(ref long target, long value)
    {
        var current = Interlocked.Read(ref target);
        while (value > current)
        {
            var seen = Interlocked.CompareExchange(ref target, value, current);
            if (seen == current)
            {
                return;
            }

            current = seen;
        }
    }
}
