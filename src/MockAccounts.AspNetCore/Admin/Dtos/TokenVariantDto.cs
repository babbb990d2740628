namespace MockAccounts.AspNetCore.Admin;

/// <summary>The variant one token is now served.</summary>
/// <param name="Vendor">The vendor's name.</param>
/// <param name="Token">The token.</param>
/// <param name="Variant">The variant chosen for it.</param>
public sealed record TokenVariantDto(string Vendor, string Token, string Variant);
