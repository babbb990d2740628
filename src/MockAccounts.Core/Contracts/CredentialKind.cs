namespace MockAccounts.Core.Contracts;

/// <summary>How a security scheme carries the credential.</summary>
public enum CredentialKind
{
    /// <summary>In <c>Authorization: Bearer &lt;token&gt;</c>.</summary>
    Bearer,
    /// <summary>As the whole value of a named API-key header.</summary>
    ApiKeyHeader,

    /// <summary>As the value of a named query parameter.</summary>
    ApiKeyQuery,

    /// <summary>As the value of a named cookie.</summary>
    ApiKeyCookie,

    /// <summary>In <c>Authorization: Basic &lt;base64 of user:password&gt;</c>; the encoded pair is the token.</summary>
    Basic,
}
