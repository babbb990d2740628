using MockAccounts.Core.Responses;
using MockAccounts.Core.Runtime;

namespace MockAccounts.AspNetCore.Admin;

/// <summary>
/// Every admin request no route took: a known path asked with another method (405 with <c>Allow</c>),
/// a WireMock feature this mock deliberately lacks ("Not supported"), or a path that does not exist
/// (404 listing the routes that do).
/// </summary>
internal static class AdminFallback
{
    /// <summary>WireMock admin paths that a contract mock has no use for, by their path under <c>/__admin</c>.</summary>
    private static readonly string[] AbsentWireMockFeatures =
        ["recordings", "settings", "near-misses/request-pattern", "requests/remove-by-metadata", "shutdown", "files"];

    public static RouteHandlerBuilder MapAdminFallback(this RouteGroupBuilder admin) =>
        admin.Map("/{**rest}", Answer).WithMetadata(new AdminFallbackMetadata()).ExcludeFromDescription();

    private static ProblemResult Answer(HttpContext context, AdminRoutes routes)
    {
        var (method, path) = (context.Request.Method, context.Request.Path);
        var all = routes.All();
        var under = path.Value![AdminRoutes.Prefix.Length..].Trim('/');
        // A feature counts as absent only while no route serves it.
        if (AbsentWireMockFeatures.FirstOrDefault(f => under == f || under.StartsWith(f + "/", StringComparison.Ordinal)) is { } feature
            && !all.Any(r => r.Pattern.StartsWith($"{AdminRoutes.Prefix}/{feature}", StringComparison.Ordinal)))
        {
            return new ProblemResult(new Problem(StatusCodes.Status404NotFound, "Not supported",
                $"MockAccounts does not support WireMock's /__admin/{feature}: it serves vendor contracts and stub mappings, " +
                "not recordings, settings, request metadata, request-pattern near misses, files or shutdown. See the README's admin API table."));
        }

        var matching = AdminRoutes.Matching(all, path);
        if (matching.Count > 0)
        {
            var allowed = matching.SelectMany(r => r.Methods).Distinct(StringComparer.OrdinalIgnoreCase).ToArray();
            context.Response.Headers.Allow = string.Join(", ", allowed);
            return new ProblemResult(new Problem(StatusCodes.Status405MethodNotAllowed, "Method not allowed",
                $"{EchoedInput.Cut(path)} answers {string.Join(", ", allowed)}, not {EchoedInput.Cut(method)}.").With("allow", allowed));
        }

        var known = all.Where(r => r.Documented).Select(r => r.ToString()).ToArray();
        return new ProblemResult(new Problem(StatusCodes.Status404NotFound, "Unknown admin path",
            $"No admin route is {EchoedInput.Cut(method)} {EchoedInput.Cut(path)}. The admin API has: {string.Join("; ", known)}. " +
            $"The dashboard is at {AdminRoutes.Prefix}/ and the API's description at {AdminRoutes.Prefix}/openapi.json.").With("routes", known));
    }
}
