using System.Text.Json.Nodes;
using MockAccounts.Verification.Contracts;

namespace MockAccounts.Verification.Fixes;

/// <summary>Adds a value the vendor sent to a schema's <c>enum</c>.</summary>
/// <param name="Pointer">The schema.</param>
/// <param name="Value">The value observed.</param>
public sealed record AddEnumValue(string Pointer, JsonNode? Value) : ContractFix(Pointer)
{
    /// <inheritdoc/>
    public override string Describe() => $"add {Json(Value)} to the enum";

    /// <inheritdoc/>
    public override void Apply(ContractDocument document)
    {
        var schema = Target(document);
        if (schema["enum"] is not JsonArray values)
        {
            return;
        }

        if (!values.Any(v => JsonNode.DeepEquals(v, Value)))
        {
            values.Add(Value?.DeepClone());
        }
    }
}
