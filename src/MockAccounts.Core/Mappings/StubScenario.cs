namespace MockAccounts.Core.Mappings;

/// <summary>A WireMock scenario made by stub mappings: its current state and every state its mappings name.</summary>
public sealed record StubScenario(string Name, string State, IReadOnlyList<string> PossibleStates);
