using System.Collections.Frozen;
using System.Security.Cryptography;
using Microsoft.Net.Http.Headers;
using MockAccounts.Core.Responses;
using MockAccounts.Core.Runtime;

namespace MockAccounts.AspNetCore.Admin;

/// <summary>
/// The web dashboard at <c>/__admin/</c>: our own HTML, CSS and JavaScript, embedded in this assembly
/// (no CDN, works offline). The page itself holds no data: everything it shows comes from the admin API,
/// which asks for the admin key when one is set.
/// </summary>
internal static class DashboardEndpoints
{
    /// <summary>Only our own files may run or style the page, and it may only talk to this server.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; " +
        "base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    private const string ResourcePrefix = "Dashboard/";

    private static readonly FrozenDictionary<string, string> ContentTypes = new Dictionary<string, string>
    {
        [".html"] = "text/html; charset=utf-8",
        [".css"] = "text/css; charset=utf-8",
        [".js"] = "text/javascript; charset=utf-8",
        [".svg"] = "image/svg+xml",
    }.ToFrozenDictionary();

    // Read and hashed on the first dashboard request, not at start: hashing is the process's first use of SHA-256,
    // which loads OpenSSL (about 20 ms of start-up otherwise).
    private static readonly Lazy<FrozenDictionary<string, Asset>> Assets = new(Load);

    public static RouteGroupBuilder MapDashboard(this RouteGroupBuilder open)
    {
        open.MapGet("/", (HttpContext context) =>
            // The page's links are relative: /__admin must become /__admin/ for them to resolve.
            context.Request.Path.Value?.EndsWith('/') == true
                ? Serve(context, Assets.Value["index.html"])
                : Results.Redirect($"{context.Request.PathBase}{context.Request.Path}/", permanent: false))
            .WithSummary("The web dashboard (HTML; its data comes from the calls below)");
        open.MapGet("/dashboard/{file}", (string file, HttpContext context) =>
            Assets.Value.TryGetValue(file, out var asset)
                ? Serve(context, asset)
                : new ProblemResult(new Problem(StatusCodes.Status404NotFound, "Unknown dashboard file", $"The dashboard has no file '{EchoedInput.Cut(file)}' (files: {string.Join(", ", Assets.Value.Keys.Order())}).")))
            .WithSummary("The dashboard's own scripts, styles and icon")
            .ExcludeFromDescription();
        return open;
    }

    /// <summary>A way from the server's root to the dashboard, for a person who opens the bare address.</summary>
    public static IEndpointConventionBuilder MapDashboardRedirect(this IEndpointRouteBuilder app, string adminPrefix) =>
        app.MapGet("/", (HttpContext context) => Results.Redirect($"{context.Request.PathBase}{adminPrefix}/", permanent: false))
            .WithSummary("Leads to the dashboard");

    private static IResult Serve(HttpContext context, Asset asset)
    {
        var headers = context.Response.Headers;
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
        headers.CacheControl = "no-cache";
        headers.ETag = asset.ETag.ToString();
        var asked = context.Request.GetTypedHeaders().IfNoneMatch;
        return asked.Any(tag => tag.Compare(asset.ETag, useStrongComparison: false))
            ? Results.StatusCode(StatusCodes.Status304NotModified)
            : Results.Bytes(asset.Bytes, asset.ContentType);
    }

    private static FrozenDictionary<string, Asset> Load()
    {
        var assembly = typeof(DashboardEndpoints).Assembly;
        var assets = new Dictionary<string, Asset>(StringComparer.Ordinal);
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            var bytes = copy.ToArray();
            var file = name[ResourcePrefix.Length..];
            var tag = new EntityTagHeaderValue($"\"{Convert.ToHexStringLower(SHA256.HashData(bytes).AsSpan(0, 8))}\"");
            assets[file] = new Asset(bytes, ContentTypes[Path.GetExtension(file)], tag);
        }

        return assets.ToFrozenDictionary(StringComparer.Ordinal);
    }

    private sealed record Asset(byte[] Bytes, string ContentType, EntityTagHeaderValue ETag);
}
