namespace MockAccounts.Core.Contracts;

/// <summary>Where a credential is read from: <c>Authorization: Bearer</c> or an API-key header.</summary>
/// <param name="Format">The shape the contract declares for the credential, if any.</param>
/// <param name="Kind">Whether the credential is a bearer token or an API-key header.</param>
/// <param name="HeaderName">The header the credential is read from.</param>
public sealed record CredentialLocation(CredentialKind Kind, string HeaderName, CredentialFormat? Format = null)
{
    /// <summary>The header a client sends <paramref name="token"/> in: <c>Authorization: Bearer &lt;token&gt;</c>, or the API-key header with the token whole.</summary>
    /// <param name="token">The credential.</param>
    public KeyValuePair<string, string> HeaderFor(string token) =>
        new(HeaderName, Kind == CredentialKind.Bearer ? "Bearer " + token : token);
}
