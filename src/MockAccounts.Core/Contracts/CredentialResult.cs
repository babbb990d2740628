namespace MockAccounts.Core.Contracts;

/// <summary>The outcome of reading credentials: the token, or why there is none.</summary>
/// <param name="Malformed">A credential was sent but has not the shape the contract declares.</param>
/// <param name="Token">The credential that was read; null when there is none usable.</param>
/// <param name="Problem">Why there is no usable credential (for the 401), or null.</param>
public sealed record CredentialResult(string? Token, string? Problem, bool Malformed = false)
{
    /// <summary>Whether a usable credential was found, so the request may be served as that token.</summary>
    public bool IsValid => Token is not null;
}
