using System.Globalization;

namespace MockAccounts.AspNetCore.Hosting;

/// <summary>
/// <c>MockAccounts.Server --probe [url]</c>: asks a running server for its health and exits 0 when it
/// answers. It is the container's HEALTHCHECK, so the image needs no curl or wget.
/// </summary>
internal static class HealthProbe
{
    public const string Flag = "--probe";

    public static async Task<int> RunAsync(string[] args)
    {
        var target = new Uri(new Uri(args.FirstOrDefault() ?? LocalAddress()), "/__admin/health");
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(3) };
        try
        {
            using var response = await http.GetAsync(target).ConfigureAwait(false);
            var body = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
            Console.WriteLine($"{(int)response.StatusCode} {body}");
            return response.IsSuccessStatusCode ? 0 : 1;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            Console.WriteLine($"unhealthy: {target}: {e.Message}");
            return 1;
        }
    }

    /// <summary>Where this container's server listens, from the same variables Kestrel reads.</summary>
    private static string LocalAddress()
    {
        var urls = Environment.GetEnvironmentVariable("ASPNETCORE_URLS");
        if (!string.IsNullOrWhiteSpace(urls))
        {
            var first = urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)[0];
            return first.Replace("://+", "://127.0.0.1", StringComparison.Ordinal).Replace("://*", "://127.0.0.1", StringComparison.Ordinal)
                .Replace("://0.0.0.0", "://127.0.0.1", StringComparison.Ordinal).Replace("://[::]", "://127.0.0.1", StringComparison.Ordinal);
        }

        var ports = Environment.GetEnvironmentVariable("ASPNETCORE_HTTP_PORTS");
        var port = string.IsNullOrWhiteSpace(ports) ? "8080" : ports.Split([';', ','])[0].Trim();
        return string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}");
    }
}
