using MockAccounts.Core.Contracts;

namespace MockAccounts.Core.Routing;

/// <summary>A request matched to a vendor's operation template, at the root or under <c>/&lt;vendor&gt;</c>.</summary>
public sealed record RouteMatch(VendorContract Vendor, string Method, string Template, bool Prefixed);
