namespace MockAccounts.Core.Contracts;

/// <summary>How a security scheme carries the credential.</summary>
public enum CredentialKind
{
    /// <summary>In <c>Authorization: Bearer &lt;token&gt;</c>.</summary>
    Bearer,
    /// <summary>As the whole value of a named API-key header.</summary>
    ApiKeyHeader,
    /// <summary>As the value of a named query parameter (<c>?api_key=…</c>).</summary>
    ApiKeyQuery,
}
