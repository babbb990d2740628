namespace MockAccounts.Server.Admin;

/// <summary>Our additions to a serve event: which vendor, variant and scenario answered, for which token.</summary>
public sealed record MockAccountsDto(string? Vendor, string? Variant, string? Scenario, string? Token);
