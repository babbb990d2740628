namespace MockAccounts.AspNetCore.Admin;

/// <summary>Our additions to a serve event: which vendor, variant and scenario answered, for which token.</summary>
/// <param name="Vendor">The vendor whose operation the request asked for, if any.</param>
/// <param name="Variant">The variant whose contract answered.</param>
/// <param name="Scenario">The scenario that answered.</param>
/// <param name="Token">The credential, redacted unless credentials are kept.</param>
public sealed record MockAccountsDto(string? Vendor, string? Variant, string? Scenario, string? Token)
{
    /// <summary>Why that scenario answered: <c>request-header</c>, <c>token-binding</c>, <c>vendor-state</c>, <c>default</c> or <c>missing-credentials</c>.</summary>
    public string? ScenarioSource { get; init; }

    /// <summary>The simulated network failure (a scenario's <c>connection-reset</c>, a stub's <c>CONNECTION_RESET_BY_PEER</c>, …), or null.</summary>
    public string? Fault { get; init; }

    /// <summary>How the request ended: <c>sent</c>, <c>fault</c>, <c>rejected</c>, <c>not-matched</c>, <c>method-not-allowed</c>, <c>too-large</c> or <c>client-aborted</c>.</summary>
    public string Outcome { get; init; } = "sent";
}
