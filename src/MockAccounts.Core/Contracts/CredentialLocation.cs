namespace MockAccounts.Core.Contracts;

/// <summary>Where a credential is read from: <c>Authorization</c> (bearer, basic), or an API key's header, query parameter or cookie.</summary>
/// <param name="Format">The shape the contract declares for the credential, if any.</param>
/// <param name="Kind">How the credential is sent.</param>
/// <param name="HeaderName">The header the credential is read from; for an API key in the query or a cookie, the parameter's or cookie's name.</param>
public sealed record CredentialLocation(CredentialKind Kind, string HeaderName, CredentialFormat? Format = null)
{
    /// <summary>
    /// The header a client sends <paramref name="token"/> in: <c>Authorization: Bearer &lt;token&gt;</c> (or <c>Basic</c>), the
    /// API-key header with the token whole, or <c>Cookie: name=token</c>.
    /// </summary>
    /// <param name="token">The credential.</param>
    /// <exception cref="NotSupportedException">The key travels in the query string, not a header; the message says how to send it.</exception>
    public KeyValuePair<string, string> HeaderFor(string token) => Kind switch
    {
        CredentialKind.Bearer => new("Authorization", "Bearer " + token),
        CredentialKind.Basic => new("Authorization", "Basic " + token),
        CredentialKind.ApiKeyCookie => new("Cookie", $"{HeaderName}={token}"),
        CredentialKind.ApiKeyQuery => throw new NotSupportedException($"this key travels in the query string, not a header: add ?{HeaderName}={token} to the request URL"),
        _ => new(HeaderName, token),
    };

    /// <summary>The address with <paramref name="token"/> added as the query parameter the key travels in; unchanged for a credential sent in a header.</summary>
    /// <param name="address">A request's address, absolute or relative.</param>
    /// <param name="token">The credential.</param>
    public Uri AddTo(Uri address, string token)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (Kind != CredentialKind.ApiKeyQuery)
        {
            return address;
        }

        var parameter = $"{Uri.EscapeDataString(HeaderName)}={Uri.EscapeDataString(token)}";
        var text = address.OriginalString;
        return new Uri(text + (text.Contains('?', StringComparison.Ordinal) ? "&" : "?") + parameter, address.IsAbsoluteUri ? UriKind.Absolute : UriKind.Relative);
    }
}
