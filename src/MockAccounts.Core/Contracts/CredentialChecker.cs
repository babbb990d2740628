namespace MockAccounts.Core.Contracts;

/// <summary>Reads a request's credentials as the operation's security schemes say.</summary>
public static class CredentialChecker
{
    /// <summary>
    /// The longest credential read, in characters (4 KiB). No vendor issues longer ones; a longer one gets the vendor's
    /// 401 (malformed credentials) and the mock remembers nothing about it, so a client cannot fill memory with them.
    /// </summary>
    public const int MaxLength = 4096;

    /// <param name="header">Looks a request header up by name (case-insensitive), null when absent.</param>
    /// <param name="checkFormat">Hold credentials to the shape their scheme declares (<c>x-mock-credential</c>).</param>
    /// <summary>Finds the request's credential in any of the operation's security requirements.</summary>
    /// <param name="operation">The operation whose security schemes say where credentials are sent.</param>
    /// <param name="query">The raw query string (with its leading <c>?</c>, or empty); read only where a contract takes a key from the query.</param>
    public static CredentialResult Check(OperationContract operation, Func<string, string?> header, bool checkFormat = true, string query = "")
    {
        string? problem = null;
        var malformed = false;
        foreach (var alternative in operation.Security)
        {
            string? token = null;
            foreach (var location in alternative)
            {
                var sent = location.Kind == CredentialKind.ApiKeyQuery ? QueryParameter(query, location.HeaderName) : header(location.HeaderName);
                var read = Read(location, sent, checkFormat ? location.Format : null);
                token ??= read.Token;
                problem ??= read.Problem;
                malformed |= read.Malformed;
                if (!read.IsValid)
                {
                    token = null;
                    break;
                }
            }

            if (token is not null)
            {
                return new CredentialResult(token, null);
            }
        }

        return new CredentialResult(null, problem ?? "no credentials", malformed);
    }

    private static CredentialResult Read(CredentialLocation location, string? value, CredentialFormat? format)
    {
        // Only a refusal names where the credential was looked for: a request that is served builds no text.
        string Where() => location.Kind == CredentialKind.ApiKeyQuery ? $"{location.HeaderName} query parameter" : $"{location.HeaderName} header";
        if (string.IsNullOrWhiteSpace(value))
        {
            return new CredentialResult(null, $"missing {Where()}");
        }

        if (location.Kind is CredentialKind.ApiKeyHeader or CredentialKind.ApiKeyQuery)
        {
            var key = value.Trim();
            return key.Length > MaxLength ? TooLong(Where())
                : key.Any(char.IsWhiteSpace) ? new CredentialResult(null, $"malformed {Where()}")
                : format is null || format.Accepts(key) ? new CredentialResult(key, null)
                : Shaped(key, format, Where());
        }

        const string Scheme = "Bearer ";
        var bearer = value.Trim();
        var comparison = format?.CaseSensitiveScheme == true ? StringComparison.Ordinal : StringComparison.OrdinalIgnoreCase;
        if (!bearer.StartsWith(Scheme, comparison))
        {
            return new CredentialResult(null, "Authorization header is not of the form 'Bearer <token>'");
        }

        var token = bearer[Scheme.Length..].Trim();
        if (token.Length > MaxLength)
        {
            return TooLong("bearer token");
        }

        return token.Length == 0 || token.Any(char.IsWhiteSpace)
            ? new CredentialResult(null, "malformed bearer token")
            : Shaped(token, format, "bearer token");
    }

    /// <summary>The first value of the query parameter <paramref name="name"/>, decoded; null when it is absent.</summary>
    private static string? QueryParameter(string query, string name)
    {
        foreach (var pair in query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            if (Decode(equals < 0 ? pair : pair[..equals]) == name)
            {
                return equals < 0 ? "" : Decode(pair[(equals + 1)..]);
            }
        }

        return null;
    }

    private static string Decode(string text) => Uri.UnescapeDataString(text.Replace('+', ' '));

    private static CredentialResult TooLong(string what) =>
        new(null, $"the {what} is longer than {MaxLength} characters", Malformed: true);

    private static CredentialResult Shaped(string credential, CredentialFormat? format, string what) =>
        format is null || format.Accepts(credential)
            ? new CredentialResult(credential, null)
            : new CredentialResult(null, $"the {what} does not have the shape the vendor documents ({format.Pattern})", Malformed: true);
}
