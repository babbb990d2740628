using MockAccounts.Verification.Contracts;

namespace MockAccounts.Verification.Fixes;

/// <summary>Adds the type the vendor sent to a schema's types (<c>number</c> replaces <c>integer</c>, which it includes).</summary>
/// <param name="Pointer">The schema.</param>
/// <param name="Type">The type name observed.</param>
public sealed record WidenType(string Pointer, string Type) : ContractFix(Pointer)
{
    /// <inheritdoc/>
    public override string Describe() => Type == "number" ? "widen the type to \"number\"" : $"widen the type: add \"{Type}\"";

    /// <inheritdoc/>
    public override void Apply(ContractDocument document) => SchemaText.AddType(Target(document), Type);
}
