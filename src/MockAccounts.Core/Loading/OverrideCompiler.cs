using System.Text.Json.Nodes;
using MockAccounts.Core.Generation;
using MockAccounts.Core.Json;

namespace MockAccounts.Core.Loading;

/// <summary>Compiles a scenario's <c>overrides</c> against the body schema, naming unknown fields.</summary>
internal static class OverrideCompiler
{
    public const string HintKey = "$mock";

    public static OverrideNode? Compile(JsonNode? value, SchemaNode schema, string location, Action<string, string> fail)
    {
        if (value is not JsonObject obj)
        {
            return new LiteralOverride(value?.DeepClone());
        }

        if (obj.ContainsKey(HintKey))
        {
            if (obj.Count != 1)
            {
                fail(location, $"a '{HintKey}' override stands alone (expected {{\"{HintKey}\": <hint>}})");
                return null;
            }

            var hint = HintParser.Parse(obj[HintKey], JsonPointer.Append(location, HintKey), fail);
            return hint is null ? null : new HintOverride(hint);
        }

        // A free-form object (no declared properties) takes the override whole.
        if (schema.PropertyNames.Count == 0)
        {
            return new LiteralOverride(obj.DeepClone());
        }

        var children = new Dictionary<string, OverrideNode>(StringComparer.Ordinal);
        foreach (var (name, child) in obj)
        {
            var at = JsonPointer.Append(location, name);
            if (schema.Property(name) is not SchemaNode childSchema)
            {
                fail(at, $"'{name}' is not a field of {schema.Source} (fields: {string.Join(", ", schema.PropertyNames)})");
                continue;
            }

            if (Compile(child, childSchema, at, fail) is OverrideNode compiled)
            {
                children[name] = compiled;
            }
        }

        return new MergeOverride(children);
    }
}
