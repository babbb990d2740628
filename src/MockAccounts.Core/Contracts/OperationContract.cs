using System.Text.Json.Nodes;
using MockAccounts.Core.Generation;
using NJsonSchema;

namespace MockAccounts.Core.Contracts;

/// <summary>What an operation is to the mock: the account read or a call that changes the account.</summary>
public enum OperationRole
{
    /// <summary>The account endpoint the scenarios drive.</summary>
    Account,

    /// <summary>A follow-up call that changes the token's account state.</summary>
    Action,
}

/// <summary>How a security scheme carries the credential.</summary>
public enum CredentialKind
{
    /// <summary>In <c>Authorization: Bearer &lt;token&gt;</c>.</summary>
    Bearer,
    /// <summary>As the whole value of a named API-key header.</summary>
    ApiKeyHeader,
}

/// <summary>Where a credential is read from: <c>Authorization: Bearer</c> or an API-key header.</summary>
/// <param name="Format">The shape the contract declares for the credential, if any.</param>
/// <param name="SchemeName">The security scheme's name in the OpenAPI document.</param>
/// <param name="Kind">Whether the credential is a bearer token or an API-key header.</param>
/// <param name="HeaderName">The header the credential is read from.</param>
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

/// <summary>The request body an operation documents, used to check bodies sent to actions.</summary>
/// <param name="Required">Whether the operation requires a body.</param>
/// <param name="Schema">The resolved body schema.</param>
/// <param name="Validator">The schema compiled for validating sent bodies.</param>
public sealed record RequestBodyContract(bool Required, SchemaNode Schema, JsonSchema Validator);

/// <summary>One operation of a vendor contract: its route, credentials, documented responses and, for actions, what it does.</summary>
/// <param name="Method">The HTTP method, upper case.</param>
/// <param name="Path">The path template, e.g. <c>/v1/accounts/{id}</c>.</param>
/// <param name="OperationId">The OpenAPI <c>operationId</c>, if the contract gives one.</param>
/// <param name="Role">Whether this is the account read or an action.</param>
/// <param name="Security">Alternative security requirements; each inner list holds the credentials one of them needs.</param>
/// <param name="Responses">The documented responses by status code.</param>
/// <param name="Action">What the operation does to the account, for actions; null for the account read.</param>
/// <param name="RequestBody">The documented request body, or null when the operation takes none.</param>
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
    /// <summary>The operation as people name it, <c>METHOD /path</c>, for messages and violations.</summary>
    public string Display => $"{Method} {Path}";
}
