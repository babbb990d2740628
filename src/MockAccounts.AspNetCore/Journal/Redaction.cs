namespace MockAccounts.AspNetCore.Journal;

/// <summary>
/// What the journal shows of a secret: its scheme and last four characters (<c>Bearer ****wxyz</c>),
/// so a shared mock's journal never hands out working credentials.
/// </summary>
public static class Redaction
{
    /// <summary>HTTP's own credential headers (case-insensitive), redacted whatever the contracts say; each contract adds the headers its security schemes read.</summary>
    public static readonly IReadOnlySet<string> HttpCredentialHeaders =
        new HashSet<string>(["Authorization", "Proxy-Authorization", "Cookie"], StringComparer.OrdinalIgnoreCase);

    /// <summary>A credential value with its scheme kept and only its last four characters shown, e.g. <c>Bearer ****wxyz</c>.</summary>
    public static string Secret(string value)
    {
        var space = value.IndexOf(' ', StringComparison.Ordinal);
        var (scheme, secret) = space > 0 ? (value[..(space + 1)], value[(space + 1)..].Trim()) : ("", value.Trim());
        return scheme + (secret.Length <= 4 ? "****" : "****" + secret[^4..]);
    }

    /// <summary>The headers with the value of each credential header redacted by <see cref="Secret"/>.</summary>
    /// <param name="headers">The headers as sent.</param>
    /// <param name="contractHeaders">The credential headers the contracts declare, redacted besides <see cref="HttpCredentialHeaders"/>.</param>
    public static IReadOnlyList<KeyValuePair<string, string>> Headers(IEnumerable<KeyValuePair<string, string>> headers, IReadOnlySet<string> contractHeaders) =>
        headers.Select(h => HttpCredentialHeaders.Contains(h.Key) || contractHeaders.Contains(h.Key) ? new KeyValuePair<string, string>(h.Key, Secret(h.Value)) : h).ToArray();

    /// <summary>A body cut to <paramref name="limit"/> characters, saying how much was left out.</summary>
    public static string Body(string body, int limit) =>
        body.Length <= limit ? body : $"{body[..limit]}…({body.Length - limit} more characters not kept)";
}
