using System.Text.Json.Nodes;
using MockAccounts.Core.Generation;
using MockAccounts.Core.Mappings;

namespace MockAccounts.Core.Runtime;

/// <summary>
/// One change to a running mock's state, as the admin API or a vendor request makes it: applied at once when the state
/// is the process's own, or sent to every replica sharing it (<see cref="ISharedState"/>) and applied by each in the
/// order the shared store gave it. A change is a description, never a delta against what one replica happens to hold.
/// </summary>
/// <param name="Kind">What changes.</param>
public sealed record StateChange(StateChangeKind Kind)
{
    /// <summary>The vendor, for vendor and token changes.</summary>
    public string? Vendor { get; init; }

    /// <summary>The credential, exactly as the client sends it, for token changes.</summary>
    public string? Token { get; init; }

    /// <summary>The stub scenario, for <see cref="StateChangeKind.StubScenarioState"/>.</summary>
    public string? Name { get; init; }

    /// <summary>The new value (a scenario, variant, variation or stub scenario state); null where the kind says so.</summary>
    public string? Value { get; init; }

    /// <summary>The edits an action makes, layered in order, for <see cref="StateChangeKind.AccountEdit"/>.</summary>
    public IReadOnlyList<OverrideNode> Edits { get; init; } = [];

    /// <summary>
    /// The partial account body an admin edit sent (compiled into <see cref="Edits"/> against the vendor's current variant),
    /// so another replica compiles the same edit: it may hold hints, which travel only as written.
    /// </summary>
    public JsonNode? Patch { get; init; }

    /// <summary>Stub mappings added or replaced (by id), in order, for <see cref="StateChangeKind.StubMappings"/>.</summary>
    public IReadOnlyList<StubMapping> Mappings { get; init; } = [];

    /// <summary>Ids of stub mappings removed (a file mapping stays away until a reset), for <see cref="StateChangeKind.StubMappings"/>.</summary>
    public IReadOnlyList<Guid> Removed { get; init; } = [];

    /// <summary>A vendor's scenario set, or back to its default (null).</summary>
    public static StateChange VendorScenario(string vendor, string? scenario) => new(StateChangeKind.VendorScenario) { Vendor = vendor, Value = scenario };

    /// <summary>A token's binding set, or dropped (null).</summary>
    public static StateChange TokenBinding(string vendor, string token, string? scenario) => new(StateChangeKind.TokenBinding) { Vendor = vendor, Token = token, Value = scenario };

    /// <summary>Edits layered over a token's account, in order.</summary>
    public static StateChange AccountEdit(string vendor, string token, IReadOnlyList<OverrideNode> edits) => new(StateChangeKind.AccountEdit) { Vendor = vendor, Token = token, Edits = edits };

    /// <summary>A stub scenario moved to <paramref name="state"/> (null: <c>Started</c>).</summary>
    public static StateChange StubScenarioState(string scenario, string? state) => new(StateChangeKind.StubScenarioState) { Name = scenario, Value = state };
}
