namespace MockAccounts.Core.Runtime;

/// <summary>What a <see cref="StateChange"/> changes.</summary>
public enum StateChangeKind
{
    /// <summary>A vendor's scenario (<see cref="StateChange.Value"/>; null: back to its default); its sequences start over.</summary>
    VendorScenario,

    /// <summary>A vendor's variant (<see cref="StateChange.Value"/>).</summary>
    VendorVariant,

    /// <summary>A vendor's variation (<see cref="StateChange.Value"/>: <c>realistic</c> or <c>edges</c>).</summary>
    VendorVariation,

    /// <summary>A token's scenario (<see cref="StateChange.Value"/>; null: the token follows the vendor's again). Binding starts the token over.</summary>
    TokenBinding,

    /// <summary>A token's variant (<see cref="StateChange.Value"/>).</summary>
    TokenVariant,

    /// <summary>A token's variation (<see cref="StateChange.Value"/>).</summary>
    TokenVariation,

    /// <summary>An edit layered over a token's account (<see cref="StateChange.Edits"/>, or an admin <see cref="StateChange.Patch"/>).</summary>
    AccountEdit,

    /// <summary>A token's account edits dropped.</summary>
    AccountCleared,

    /// <summary>Every vendor back to its default scenario, every sequence and stub scenario to its start.</summary>
    ScenariosReset,

    /// <summary>Back to a fresh start: every vendor and token, the admin-made stub mappings and the stub scenarios.</summary>
    Reset,

    /// <summary>Admin-made stub mappings added or replaced (<see cref="StateChange.Mappings"/>) and mappings removed (<see cref="StateChange.Removed"/>).</summary>
    StubMappings,

    /// <summary>Back to the mapping files: admin-made mappings go, removed file mappings return.</summary>
    StubMappingsReset,

    /// <summary>A stub scenario (<see cref="StateChange.Name"/>) moved to a state (<see cref="StateChange.Value"/>; null: <c>Started</c>).</summary>
    StubScenarioState,
}
