using System.Text.Json.Nodes;
using MockAccounts.Core.Generation;
using NJsonSchema;

namespace MockAccounts.Core.Contracts;

public enum OperationRole
{
    /// <summary>The account endpoint the scenarios drive.</summary>
    Account,

    /// <summary>A follow-up call that changes the token's account state.</summary>
    Action,
}

public enum CredentialKind
{
    Bearer,
    ApiKeyHeader,
}

/// <summary>Where a credential is read from: <c>Authorization: Bearer</c> or an API-key header.</summary>
/// <param name="Format">The shape the contract declares for the credential, if any.</param>
public sealed record CredentialLocation(string SchemeName, CredentialKind Kind, string HeaderName, CredentialFormat? Format = null);

/// <summary>One documented response: its body schema (for generation and validation) and required headers.</summary>
public sealed record ResponseContract(
    int Status,
    string Description,
    SchemaNode? Body,
    JsonSchema? BodyValidator,
    IReadOnlyList<string> RequiredHeaders)
{
    /// <summary>Whether the body differs between requests of one token (so it is never cached).</summary>
    public bool VariesPerRequest { get; } = Body?.VariesPerRequest() ?? false;
}

/// <summary>What an action operation does: JSON-pointer assignments, or a merge of the request body.</summary>
public sealed record ActionSpec(
    int Status,
    IReadOnlyDictionary<string, JsonNode?> Set,
    string? MergeBodyAt,
    bool RespondWithAccount);

public sealed record RequestBodyContract(bool Required, SchemaNode Schema, JsonSchema Validator);

public sealed record OperationContract(
    string Method,
    string Path,
    string? OperationId,
    OperationRole Role,
    IReadOnlyList<IReadOnlyList<CredentialLocation>> Security,
    IReadOnlyDictionary<int, ResponseContract> Responses,
    ActionSpec? Action,
    RequestBodyContract? RequestBody)
{
    public string Display => $"{Method} {Path}";
}
