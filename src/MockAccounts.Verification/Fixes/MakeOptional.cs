using System.Text.Json.Nodes;
using MockAccounts.Verification.Contracts;

namespace MockAccounts.Verification.Fixes;

/// <summary>Takes a property the vendor left out off a schema's <c>required</c> list.</summary>
/// <param name="Pointer">The object schema.</param>
/// <param name="Name">The property.</param>
public sealed record MakeOptional(string Pointer, string Name) : ContractFix(Pointer)
{
    /// <inheritdoc/>
    public override string Describe() => $"make \"{Name}\" optional (take it off required)";

    /// <inheritdoc/>
    public override void Apply(ContractDocument document)
    {
        var schema = Target(document);
        if (schema["required"] is not JsonArray required)
        {
            return;
        }

        foreach (var item in required.Where(r => r?.ToString() == Name).ToArray())
        {
            required.Remove(item);
        }

        if (required.Count == 0)
        {
            schema.Remove("required");
        }
    }
}
