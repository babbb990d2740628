namespace MockAccounts.Verification;

/// <summary>What shapes the requests: the credential, parameter values, request bodies, whether unsafe methods are sent.</summary>
public sealed record ProbeSettings
{
    /// <summary>The credential, placed where the operation's security scheme says; null sends none (a recording needs none).</summary>
    public string? Credential { get; init; }

    /// <summary>Path, query and header parameter values by name (<c>--param name=value</c>); the contract's examples fill the rest.</summary>
    public IReadOnlyDictionary<string, string> Parameters { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>Request bodies by operation (<c>PATCH /v1/account/profile</c>) for unsafe operations; the contract's examples otherwise.</summary>
    public IReadOnlyDictionary<string, string> Bodies { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>Send PATCH, POST, PUT and DELETE operations too (they may change the account).</summary>
    public bool IncludeUnsafe { get; init; }
}
