namespace MockAccounts.AspNetCore.Admin;

/// <summary>A scenario bound to one token.</summary>
/// <param name="Vendor">The vendor's name.</param>
/// <param name="Token">The token bound.</param>
/// <param name="Scenario">The scenario the token now gets.</param>
public sealed record TokenBindingDto(string Vendor, string Token, string Scenario);
