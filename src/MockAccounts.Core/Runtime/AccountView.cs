using System.Text.Json.Nodes;
using MockAccounts.Core.Contracts;
using MockAccounts.Core.Generation;
using MockAccounts.Core.Http;
using MockAccounts.Core.Responses;

namespace MockAccounts.Core.Runtime;

/// <summary>What a token of a vendor receives right now, in which scenario and with which variation.</summary>
public sealed record AccountView(VariantContract Variant, string Token, string Scenario, MockResponse Response, Variation Variation)
{
    /// <summary>Where the token goes in a request: the variant's account operation's first security scheme.</summary>
    public CredentialLocation Credential => Variant.Account.Security[0][0];

    /// <summary>The body parsed as JSON, or null when there is none.</summary>
    public JsonNode? ParseBody() => Response.Body.Length == 0 ? null : JsonNode.Parse(Response.Body);
}
