namespace MockAccounts.AspNetCore.Admin;

/// <summary>The variant a vendor now serves.</summary>
/// <param name="Vendor">The vendor's name.</param>
/// <param name="Variant">The variant chosen.</param>
public sealed record VariantSelectionDto(string Vendor, string Variant);
