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
    public static CredentialResult Check(OperationContract operation, Func<string, string?> header, bool checkFormat = true) =>
        Check(operation, location => header(location.HeaderName), checkFormat);

    /// <summary>Finds the request's credential in any of the operation's security requirements: headers, query parameters, cookies.</summary>
    /// <param name="operation">The operation whose security schemes say where credentials are sent.</param>
    /// <param name="request">The request.</param>
    /// <param name="checkFormat">Hold credentials to the shape their scheme declares (<c>x-mock-credential</c>).</param>
    public static CredentialResult Check(OperationContract operation, Http.MockRequest request, bool checkFormat = true) =>
        Check(operation, location => location.Kind switch
        {
            CredentialKind.ApiKeyQuery => QueryValue(request.Query, location.HeaderName),
            CredentialKind.ApiKeyCookie => CookieValue(request.Header("Cookie"), location.HeaderName),
            _ => request.Header(location.HeaderName),
        }, checkFormat);

    /// <summary>Where no credential is needed (a published operation without security, or an empty requirement <c>{}</c>), the request is anonymous.</summary>
    public const string AnonymousToken = "";

    private static CredentialResult Check(OperationContract operation, Func<CredentialLocation, string?> value, bool checkFormat)
    {
        string? problem = null;
        var malformed = false;
        var open = operation.Security.Count == 0;
        foreach (var alternative in operation.Security)
        {
            if (alternative.Count == 0)
            {
                open = true;
                continue;
            }

            string? token = null;
            foreach (var location in alternative)
            {
                var read = Read(location, value(location), checkFormat ? location.Format : null);
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

        // An operation that needs no credential serves a request without one (or with a broken one) as anonymous.
        return open ? new CredentialResult(AnonymousToken, null) : new CredentialResult(null, problem ?? "no credentials", malformed);
    }

    /// <summary>The first value of a query parameter in a raw query string (<c>?a=1&amp;b=2</c>), unescaped; null when absent.</summary>
    internal static string? QueryValue(string query, string name)
    {
        foreach (var pair in query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var cut = pair.IndexOf('=', StringComparison.Ordinal);
            var key = Uri.UnescapeDataString((cut < 0 ? pair : pair[..cut]).Replace('+', ' '));
            if (key == name)
            {
                return cut < 0 ? "" : Uri.UnescapeDataString(pair[(cut + 1)..].Replace('+', ' '));
            }
        }

        return null;
    }

    private static string? CookieValue(string? cookies, string name)
    {
        foreach (var cookie in (cookies ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var cut = cookie.IndexOf('=', StringComparison.Ordinal);
            if (cut > 0 && cookie[..cut].Trim() == name)
            {
                return cookie[(cut + 1)..].Trim().Trim('"');
            }
        }

        return null;
    }

    private static CredentialResult Read(CredentialLocation location, string? value, CredentialFormat? format)
    {
        // Only a refusal names where the credential was looked for: a request that is served builds no text.
        string Where() => location.Kind switch
        {
            CredentialKind.ApiKeyQuery => $"{location.HeaderName} query parameter",
            CredentialKind.ApiKeyCookie => $"{location.HeaderName} cookie",
            _ => $"{location.HeaderName} header",
        };
        if (string.IsNullOrWhiteSpace(value))
        {
            return new CredentialResult(null, $"missing {Where()}");
        }

        if (location.Kind is CredentialKind.ApiKeyHeader or CredentialKind.ApiKeyQuery or CredentialKind.ApiKeyCookie)
        {
            var key = value.Trim();
            return key.Length > MaxLength ? TooLong(Where())
                : key.Any(char.IsWhiteSpace) ? new CredentialResult(null, $"malformed {Where()}")
                : format is null || format.Accepts(key) ? new CredentialResult(key, null)
                : Shaped(key, format, Where());
        }

        if (location.Kind == CredentialKind.Basic)
        {
            const string Basic = "Basic ";
            var basic = value.Trim();
            if (!basic.StartsWith(Basic, StringComparison.OrdinalIgnoreCase))
            {
                return new CredentialResult(null, "Authorization header is not of the form 'Basic <base64 of user:password>'");
            }

            var pair = basic[Basic.Length..].Trim();
            return pair.Length > MaxLength ? TooLong("basic credentials")
                : IsBasicPair(pair) ? new CredentialResult(pair, null)
                : new CredentialResult(null, "Authorization header is not of the form 'Basic <base64 of user:password>'");
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

    private static bool IsBasicPair(string encoded)
    {
        var bytes = new byte[encoded.Length];
        return Convert.TryFromBase64String(encoded, bytes, out var written) && System.Text.Encoding.UTF8.GetString(bytes, 0, written).Contains(':', StringComparison.Ordinal);
    }

    private static CredentialResult TooLong(string what) =>
        new(null, $"the {what} is longer than {MaxLength} characters", Malformed: true);

    private static CredentialResult Shaped(string credential, CredentialFormat? format, string what) =>
        format is null || format.Accepts(credential)
            ? new CredentialResult(credential, null)
            : new CredentialResult(null, $"the {what} does not have the shape the vendor documents ({format.Pattern})", Malformed: true);
}
