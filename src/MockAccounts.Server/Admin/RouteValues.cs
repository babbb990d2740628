namespace MockAccounts.Server.Admin;

/// <summary>Route values of admin paths as the client meant them.</summary>
internal static class RouteValues
{
    public static string Decoded(HttpContext context, string name) => context.GetRouteValue(name) as string ?? "";
}
