namespace MockAccounts.Core.Generation;

/// <summary>
/// Which of a token's requests a body is for. Bodies that vary between requests (edge variation,
/// per-request ids) are deterministic per (seed, vendor, token, <see cref="Number"/>).
/// </summary>
public readonly record struct RequestDraw(long Number, Variation Variation)
{
    /// <summary>Whether this request walks the contract's edge values instead of realistic ones.</summary>
    public bool Edges => Variation == Variation.Edges;
}
