using System.Text.Json.Nodes;
using MockAccounts.Core.Generation;
using NJsonSchema;

namespace MockAccounts.Core.Contracts;

/// <summary>One operation of a vendor contract: its route, credentials, documented responses and, for actions, what it does.</summary>
/// <param name="Method">The HTTP method, upper case.</param>
/// <param name="Path">The path template, e.g. <c>/v1/accounts/{id}</c>.</param>
/// <param name="Role">Whether this is the account read or an action.</param>
/// <param name="Security">Alternative security requirements; each inner list holds the credentials one of them needs.</param>
/// <param name="Responses">The documented responses by status code.</param>
/// <param name="Action">What the operation does to the account, for actions; null for the account read.</param>
/// <param name="RequestBody">The documented request body, or null when the operation takes none.</param>
public sealed record OperationContract(
    string Method,
    string Path,
    OperationRole Role,
    IReadOnlyList<IReadOnlyList<CredentialLocation>> Security,
    IReadOnlyDictionary<int, ResponseContract> Responses,
    ActionSpec? Action,
    RequestBodyContract? RequestBody)
{
    /// <summary>The operation as people name it, <c>METHOD /path</c>, for messages and violations.</summary>
    public string Display => $"{Method} {Path}";
}
