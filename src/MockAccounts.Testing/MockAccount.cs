using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using MockAccounts.Core.Contracts;

namespace MockAccounts.Testing;

/// <summary>
/// A fresh token of one vendor, bound to a scenario, and what the vendor answers it right now,
/// so a test can assert on the values its code should see.
/// </summary>
public sealed record MockAccount(string Vendor, string Token, string Scenario, int Status, JsonNode? Body, CredentialLocation Credential)
{
    /// <summary>Puts the token where the vendor's security scheme wants it.</summary>
    /// <exception cref="NotSupportedException">The scheme sends the credential in the query string, which headers cannot carry.</exception>
    public void Authorize(HttpRequestHeaders headers)
    {
        ArgumentNullException.ThrowIfNull(headers);
        switch (Credential.Kind)
        {
            case CredentialKind.Bearer:
                headers.Authorization = new AuthenticationHeaderValue("Bearer", Token);
                break;
            case CredentialKind.Basic:
                headers.Authorization = new AuthenticationHeaderValue("Basic", Token);
                break;
            case CredentialKind.ApiKeyCookie:
                headers.Remove("Cookie");
                headers.TryAddWithoutValidation("Cookie", $"{Credential.HeaderName}={Token}");
                break;
            case CredentialKind.ApiKeyQuery:
                throw new NotSupportedException($"'{Vendor}' takes its key in the query string: add ?{Credential.HeaderName}={Token} to the request URL");
            default:
                headers.Remove(Credential.HeaderName);
                headers.TryAddWithoutValidation(Credential.HeaderName, Token);
                break;
        }
    }
}
