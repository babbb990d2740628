using System.Globalization;

namespace MockAccounts.AspNetCore.Hosting;

/// <summary>
/// Checks where a server of our own is told to listen before Kestrel reads it: Kestrel fails a port out of range
/// with an unhandled <see cref="ArgumentOutOfRangeException"/> deep in its start, and an address without a scheme with a
/// bare "Invalid url". One line instead, naming the setting as the user wrote it and the form it takes.
/// </summary>
internal static class ListenAddresses
{
    private const string UrlForm = "expected scheme://host:port, e.g. http://127.0.0.1:8080, http://localhost:8080 or http://+:8080, with a port from 0 to 65535; several separated by ';'";

    /// <exception cref="FormatException">An address or port is malformed.</exception>
    public static void ThrowIfInvalid(IConfiguration configuration)
    {
        if (configuration["urls"] is { Length: > 0 } urls)
        {
            var source = SettingSource.Of(configuration, "urls");
            var setting = source.Where switch
            {
                SettingSource.Kind.CommandLine => "--urls",
                SettingSource.Kind.Environment => "ASPNETCORE_URLS",
                _ => "urls" + source.Suffix,
            };
            foreach (var url in urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (Problem(url) is { } problem)
                {
                    throw new FormatException($"{setting}: '{url}' {problem} ({UrlForm})");
                }
            }
        }

        foreach (var (key, setting) in new[] { ("http_ports", "ASPNETCORE_HTTP_PORTS"), ("https_ports", "ASPNETCORE_HTTPS_PORTS") })
        {
            if (configuration[key] is { Length: > 0 } ports)
            {
                foreach (var port in ports.Split([';', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                {
                    if (!int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number > 65535)
                    {
                        throw new FormatException($"{setting}: '{port}' is not a port (expected a number from 0 to 65535; several separated by ';')");
                    }
                }
            }
        }
    }

    /// <summary>What is wrong with <paramref name="url"/> as Kestrel reads it, or null.</summary>
    private static string? Problem(string url)
    {
        BindingAddress address;
        try
        {
            address = BindingAddress.Parse(url);
        }
        catch (FormatException)
        {
            return url.Contains("://", StringComparison.Ordinal) ? "is not an address" : "has no scheme";
        }

        if (address.IsUnixPipe || address.IsNamedPipe)
        {
            return null;
        }

        // Kestrel reads a port that is not a number as part of the host, and then listens on port 80 of every address.
        if (!address.Host.StartsWith('[') && address.Host.LastIndexOf(':') is var colon and >= 0)
        {
            return $"has port '{address.Host[(colon + 1)..]}', not a number";
        }

        return address.Port is >= 0 and <= 65535 ? null : string.Create(CultureInfo.InvariantCulture, $"has port {address.Port}, out of range");
    }
}
