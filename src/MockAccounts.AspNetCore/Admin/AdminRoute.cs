namespace MockAccounts.AspNetCore.Admin;

/// <summary>One admin path and the methods it answers, as the endpoint data source has them.</summary>
internal sealed record AdminRoute(string Pattern, IReadOnlyList<string> Methods, IReadOnlyList<RouteEndpoint> Endpoints, bool Documented)
{
    public override string ToString() => $"{string.Join(", ", Methods)} {Pattern}";
}
