using MockAccounts.Verification.Contracts;

namespace MockAccounts.Verification.Fixes;

/// <summary>Marks a response header the vendor did not send as not required.</summary>
/// <param name="Pointer">The header object.</param>
/// <param name="Name">The header's name.</param>
public sealed record MakeHeaderOptional(string Pointer, string Name) : ContractFix(Pointer)
{
    /// <inheritdoc/>
    public override string Describe() => $"make header {Name} optional (\"required\": false)";

    /// <inheritdoc/>
    public override void Apply(ContractDocument document) => Target(document)["required"] = false;
}
