namespace MockAccounts.AspNetCore.Admin;

/// <summary>The variation (<c>realistic</c> or <c>edges</c> bodies) now set for a vendor or one token.</summary>
/// <param name="Vendor">The vendor's name.</param>
/// <param name="Token">Null when the variation is the vendor's.</param>
/// <param name="Variation">The variation set: <c>realistic</c> or <c>edges</c>.</param>
public sealed record VariationSelectionDto(string Vendor, string? Token, string Variation);
