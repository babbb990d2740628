namespace MockAccounts.AspNetCore.Admin;

/// <summary>A WireMock scenario: each vendor (its current scenario) and each stub-mapping scenario.</summary>
/// <param name="Id">The scenario's identifier: the vendor's or stub scenario's name.</param>
/// <param name="Name">The scenario's name (the same as <c>id</c>).</param>
/// <param name="State">The current state: the vendor's scenario, or the stub scenario's state.</param>
/// <param name="PossibleStates">Every state it can be set to.</param>
public sealed record ScenarioDto(string Id, string Name, string State, IReadOnlyList<string> PossibleStates);
