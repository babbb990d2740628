namespace MockAccounts.AspNetCore.Admin;

/// <summary>The body of <c>GET /__admin/vendors</c>.</summary>
/// <param name="Vendors">Every vendor, as it serves now.</param>
public sealed record VendorsDto(IReadOnlyList<VendorSummaryDto> Vendors);
