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
        var (name, value) = Credential.HeaderFor(Token);
        headers.Remove(name);
        headers.TryAddWithoutValidation(name, value);
    }
}
