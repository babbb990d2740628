using System.Text.Json.Nodes;
using MockAccounts.Verification.Contracts;

namespace MockAccounts.Verification.Fixes;

/// <summary>Declares a property the vendor sent, with a schema inferred from the value observed.</summary>
/// <param name="Pointer">The object schema.</param>
/// <param name="Name">The property.</param>
/// <param name="Schema">The inferred schema.</param>
public sealed record AddProperty(string Pointer, string Name, JsonObject Schema) : ContractFix(Pointer)
{
    /// <inheritdoc/>
    public override string Describe() => $"declare property \"{Name}\" ({SchemaText.Types(Schema)}) in the properties";

    /// <inheritdoc/>
    public override void Apply(ContractDocument document)
    {
        var schema = Target(document);
        if (schema["properties"] is not JsonObject properties)
        {
            properties = [];
            schema["properties"] = properties;
        }

        if (!properties.ContainsKey(Name))
        {
            properties[Name] = Schema.DeepClone();
        }
    }
}
