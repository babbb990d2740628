using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing.Patterns;

namespace MockAccounts.AspNetCore.Admin;

/// <summary>Route values of admin paths as the client meant them, percent-decoded exactly once.</summary>
internal static class RouteValues
{
    /// <summary>
    /// Kestrel decodes the path except <c>%2F</c> (a decoded '/' would split a segment), so a route value
    /// arrives half-decoded: <c>rl_a%2Fb</c> for the token <c>rl_a/b</c>, and the same for <c>rl_a%252Fb</c>.
    /// The value is read from the raw request target instead, at the segment the route pattern gives it,
    /// and decoded once.
    /// </summary>
    public static string Decoded(HttpContext context, string name)
    {
        var routed = context.GetRouteValue(name) as string ?? "";
        var raw = context.Features.Get<IHttpRequestFeature>()?.RawTarget;
        if (context.GetEndpoint() is not RouteEndpoint endpoint || string.IsNullOrEmpty(raw) || raw[0] != '/')
        {
            return routed;
        }

        var index = -1;
        for (var i = 0; i < endpoint.RoutePattern.PathSegments.Count && index < 0; i++)
        {
            if (endpoint.RoutePattern.PathSegments[i].Parts is [RoutePatternParameterPart { Name: var parameter }] && parameter == name)
            {
                index = i;
            }
        }

        var query = raw.IndexOf('?', StringComparison.Ordinal);
        var segments = (query < 0 ? raw : raw[..query]).Split('/', StringSplitOptions.RemoveEmptyEntries);
        var offset = context.Request.PathBase.Value?.Split('/', StringSplitOptions.RemoveEmptyEntries).Length ?? 0;
        return index >= 0 && index + offset < segments.Length ? Uri.UnescapeDataString(segments[index + offset]) : routed;
    }
}
