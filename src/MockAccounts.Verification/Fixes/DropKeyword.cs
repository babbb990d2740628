using MockAccounts.Verification.Contracts;

namespace MockAccounts.Verification.Fixes;

/// <summary>Removes a constraint the vendor does not keep (<c>format</c>, <c>pattern</c>, <c>uniqueItems</c>).</summary>
/// <param name="Pointer">The schema.</param>
/// <param name="Keyword">The keyword to remove.</param>
public sealed record DropKeyword(string Pointer, string Keyword) : ContractFix(Pointer)
{
    /// <inheritdoc/>
    public override string Describe() => $"drop \"{Keyword}\"";

    /// <inheritdoc/>
    public override void Apply(ContractDocument document) => Target(document).Remove(Keyword);
}
