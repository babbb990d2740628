using Microsoft.AspNetCore.Routing.Template;

namespace MockAccounts.AspNetCore.Admin;

/// <summary>
/// The admin API's routes read from the running app's endpoints, never from a list kept by hand:
/// what an unknown path lists, what a 405's <c>Allow</c> says and what <c>openapi.json</c> documents
/// stay true as endpoints are added.
/// </summary>
internal sealed class AdminRoutes(EndpointDataSource endpoints)
{
    public const string Prefix = "/__admin";

    public IReadOnlyList<AdminRoute> All() =>
        endpoints.Endpoints
            .OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<AdminFallbackMetadata>() is null)
            .Select(e => (Endpoint: e, Pattern: Normalize(e.RoutePattern.RawText)))
            .Where(e => e.Pattern.StartsWith(Prefix, StringComparison.Ordinal))
            .GroupBy(e => e.Pattern, StringComparer.Ordinal)
            .Select(g => new AdminRoute(
                g.Key,
                g.SelectMany(e => e.Endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? []).Distinct(StringComparer.OrdinalIgnoreCase).OrderBy(MethodOrder).ToArray(),
                g.Select(e => e.Endpoint).ToArray(),
                g.Any(e => e.Endpoint.Metadata.GetMetadata<IExcludeFromDescriptionMetadata>()?.ExcludeFromDescription != true)))
            .OrderBy(r => r.Pattern, StringComparer.Ordinal)
            .ToArray();

    /// <summary>The routes whose path template matches <paramref name="path"/>, whatever their methods.</summary>
    public static IReadOnlyList<AdminRoute> Matching(IEnumerable<AdminRoute> routes, PathString path) =>
        routes.Where(r => new TemplateMatcher(TemplateParser.Parse(r.Pattern), new RouteValueDictionary()).TryMatch(path, new RouteValueDictionary())).ToArray();

    /// <summary>Group routes come as <c>/__admin/vendors/</c>; the dashboard's root keeps its slash (its links are relative).</summary>
    private static string Normalize(string? raw)
    {
        var pattern = "/" + (raw ?? "").Trim('/');
        return pattern == Prefix ? Prefix + "/" : pattern;
    }

    private static int MethodOrder(string method) => Array.IndexOf(["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"], method.ToUpperInvariant()) is var i and >= 0 ? i : 99;
}
