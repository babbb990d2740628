namespace MockAccounts.Generators;

/// <summary>A scenario's name as the catalogue spells it, and its description.</summary>
internal sealed record ScenarioName(string Name, string? Description);
