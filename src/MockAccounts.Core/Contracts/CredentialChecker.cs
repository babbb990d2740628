namespace MockAccounts.Core.Contracts;

/// <summary>The outcome of reading credentials: the token, or why there is none.</summary>
public sealed record CredentialResult(string? Token, string? Problem)
{
    public bool IsValid => Token is not null;
}

/// <summary>Reads a request's credentials as the operation's security schemes say.</summary>
public static class CredentialChecker
{
    /// <param name="header">Looks a request header up by name (case-insensitive), null when absent.</param>
    public static CredentialResult Check(OperationContract operation, Func<string, string?> header)
    {
        string? problem = null;
        foreach (var alternative in operation.Security)
        {
            string? token = null;
            foreach (var location in alternative)
            {
                var read = Read(location, header(location.HeaderName));
                token ??= read.Token;
                problem ??= read.Problem;
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

        return new CredentialResult(null, problem ?? "no credentials");
    }

    private static CredentialResult Read(CredentialLocation location, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return new CredentialResult(null, $"missing {location.HeaderName} header");
        }

        if (location.Kind == CredentialKind.ApiKeyHeader)
        {
            var key = value.Trim();
            return key.Any(char.IsWhiteSpace) ? new CredentialResult(null, $"malformed {location.HeaderName} header") : new CredentialResult(key, null);
        }

        const string Scheme = "Bearer ";
        var bearer = value.Trim();
        if (!bearer.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase))
        {
            return new CredentialResult(null, "Authorization header is not of the form 'Bearer <token>'");
        }

        var token = bearer[Scheme.Length..].Trim();
        return token.Length == 0 || token.Any(char.IsWhiteSpace)
            ? new CredentialResult(null, "malformed bearer token")
            : new CredentialResult(token, null);
    }
}
