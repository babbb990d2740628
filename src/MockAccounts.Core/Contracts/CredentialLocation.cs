namespace MockAccounts.Core.Contracts;

/// <summary>Where a credential is read from: <c>Authorization: Bearer</c>, an API-key header, or an API-key query parameter.</summary>
/// <param name="Format">The shape the contract declares for the credential, if any.</param>
/// <param name="Kind">Whether the credential is a bearer token, an API-key header or an API-key query parameter.</param>
/// <param name="HeaderName">The header the credential is read from; for <see cref="CredentialKind.ApiKeyQuery"/>, the query parameter.</param>
public sealed record CredentialLocation(CredentialKind Kind, string HeaderName, CredentialFormat? Format = null);
