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
    /// <exception cref="InvalidOperationException">The vendor reads its key from the query, which headers cannot carry: use <see cref="MockAccountsServer.CreateClient(MockAccount)"/> or <see cref="Authorize(Uri)"/>.</exception>
    public void Authorize(HttpRequestHeaders headers)
    {
        ArgumentNullException.ThrowIfNull(headers);
        if (Credential.Kind == CredentialKind.ApiKeyQuery)
        {
            throw new InvalidOperationException(
                $"{Vendor} reads its key from the query (?{Credential.HeaderName}=…), not a header: use MockAccountsServer.CreateClient(account), or Authorize(uri) for each request's address.");
        }

        var (name, value) = Credential.HeaderFor(Token);
        headers.Remove(name);
        headers.TryAddWithoutValidation(name, value);
    }

    /// <summary>The address with the token added as the query parameter the vendor reads its key from; unchanged for a vendor that reads headers.</summary>
    /// <param name="address">A request's address.</param>
    public Uri Authorize(Uri address) => Credential.AddTo(address, Token);
}
