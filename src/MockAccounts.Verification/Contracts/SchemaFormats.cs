using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace MockAccounts.Verification.Contracts;

/// <summary>
/// The string formats a contract may declare, checked as a strict consumer would parse them: an RFC 3339
/// <c>date-time</c> must name a real day and carry its offset; a <c>uuid</c> is the 8-4-4-4-12 hex form.
/// </summary>
public static partial class SchemaFormats
{
    /// <summary>The formats checked; any other is not checked (the report does not claim it holds).</summary>
    public static IReadOnlyList<string> Known { get; } = ["date-time", "date", "time", "email", "uuid", "uri", "uri-reference", "ipv4", "ipv6", "hostname"];

    /// <summary>Whether <paramref name="value"/> has <paramref name="format"/>; true for a format not in <see cref="Known"/>.</summary>
    /// <param name="format">The schema's <c>format</c>.</param>
    /// <param name="value">The string observed.</param>
    public static bool Accepts(string format, string value) => format switch
    {
        "date-time" => DateTimePattern().IsMatch(value) && DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.None, out _),
        "date" => DatePattern().IsMatch(value) && DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _),
        "time" => TimePattern().IsMatch(value) && TimeOnly.TryParse(value[..8], CultureInfo.InvariantCulture, out _),
        "email" => IsEmail(value),
        "uuid" => value.Length == 36 && Guid.TryParseExact(value, "D", out _),
        // A scheme first: on Unix, .NET also takes "/billing" for an absolute (file) URI.
        "uri" => !value.Any(char.IsWhiteSpace) && SchemePrefix().IsMatch(value) && Uri.TryCreate(value, UriKind.Absolute, out _),
        "uri-reference" => !value.Any(char.IsWhiteSpace) && Uri.TryCreate(value, UriKind.RelativeOrAbsolute, out _),
        "ipv4" => IPAddress.TryParse(value, out var v4) && v4.AddressFamily == AddressFamily.InterNetwork && value.Count(c => c == '.') == 3,
        "ipv6" => value.Contains(':', StringComparison.Ordinal) && IPAddress.TryParse(value, out var v6) && v6.AddressFamily == AddressFamily.InterNetworkV6,
        "hostname" => value.Length <= 253 && Uri.CheckHostName(value) == UriHostNameType.Dns,
        _ => true,
    };

    private static bool IsEmail(string value)
    {
        var at = value.LastIndexOf('@');
        return at > 0 && at < value.Length - 1 && !value.Any(char.IsWhiteSpace)
            && System.Net.Mail.MailAddress.TryCreate(value, out var address) && address.Address == value
            && address.Host.Length > 0 && !address.Host.StartsWith('.') && !address.Host.EndsWith('.');
    }

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$", RegexOptions.CultureInvariant)]
    private static partial Regex DateTimePattern();

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9+.-]*:", RegexOptions.CultureInvariant)]
    private static partial Regex SchemePrefix();

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}$", RegexOptions.CultureInvariant)]
    private static partial Regex DatePattern();

    [GeneratedRegex(@"^\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$", RegexOptions.CultureInvariant)]
    private static partial Regex TimePattern();
}
