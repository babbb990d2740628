namespace MockAccounts.AspNetCore.Admin;

/// <summary>The body of WireMock's scenario-state call: <c>{"state": "quota-reached"}</c>; no body resets the scenario.</summary>
public sealed record StateRequestDto(string State);
