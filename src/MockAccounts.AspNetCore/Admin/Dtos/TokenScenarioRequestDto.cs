namespace MockAccounts.AspNetCore.Admin;

/// <summary>The body of <c>POST /__admin/vendors/{vendor}/tokens</c>: <c>{"token": "rl_a/b", "scenario": "quota-reached"}</c>; the token needs no encoding.</summary>
/// <param name="Token">The credential, exactly as the client sends it.</param>
/// <param name="Scenario">The scenario to bind to it.</param>
public sealed record TokenScenarioRequestDto(string Token, string Scenario);
