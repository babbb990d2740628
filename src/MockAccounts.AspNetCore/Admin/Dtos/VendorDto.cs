namespace MockAccounts.AspNetCore.Admin;

/// <summary>The body of <c>GET /__admin/vendors/{vendor}</c>: one vendor and all its variants.</summary>
/// <param name="Name">The vendor's name.</param>
/// <param name="Title">Its human-readable title.</param>
/// <param name="Variant">The variant served now.</param>
/// <param name="Scenario">The vendor's current scenario.</param>
/// <param name="Variants">Every variant, in full.</param>
/// <param name="Variation">What the vendor's bodies do by default: <c>realistic</c> or <c>edges</c>.</param>
public sealed record VendorDto(string Name, string Title, string Variant, string Scenario, IReadOnlyList<VariantDto> Variants, string Variation = "realistic");
