namespace MockAccounts.AspNetCore.Admin;

/// <summary>The body of a call that picks a scenario: <c>{"scenario": "quota-reached"}</c>.</summary>
public sealed record ScenarioRequestDto(string Scenario);
