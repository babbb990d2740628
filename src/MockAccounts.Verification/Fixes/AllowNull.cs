using System.Text.Json.Nodes;
using MockAccounts.Verification.Contracts;

namespace MockAccounts.Verification.Fixes;

/// <summary>Adds <c>"null"</c> to a schema's types (and <c>null</c> to its enum, if it has one).</summary>
/// <param name="Pointer">The schema.</param>
public sealed record AllowNull(string Pointer) : ContractFix(Pointer)
{
    /// <inheritdoc/>
    public override string Describe() => "allow null (add \"null\" to the type)";

    /// <inheritdoc/>
    public override void Apply(ContractDocument document)
    {
        var schema = Target(document);
        SchemaText.AddType(schema, "null");
        if (schema["enum"] is JsonArray values && !values.Any(v => v is null))
        {
            values.Add(null);
        }
    }
}
