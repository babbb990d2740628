namespace MockAccounts.Core.Contracts;

/// <summary>Where a credential is read from: <c>Authorization</c> (bearer, basic), or an API key's header, query parameter or cookie.</summary>
/// <param name="Format">The shape the contract declares for the credential, if any.</param>
/// <param name="Kind">How the credential is sent.</param>
/// <param name="HeaderName">The header the credential is read from; for an API key in the query or a cookie, the parameter's or cookie's name.</param>
public sealed record CredentialLocation(CredentialKind Kind, string HeaderName, CredentialFormat? Format = null);
