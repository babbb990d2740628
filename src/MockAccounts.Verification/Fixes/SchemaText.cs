using System.Text.Json.Nodes;
using MockAccounts.Verification.Contracts;

namespace MockAccounts.Verification.Fixes;

/// <summary>Edits and descriptions of a schema's <c>type</c>.</summary>
internal static class SchemaText
{
    /// <summary>The types a schema names, <c>string|null</c>, or <c>any</c>.</summary>
    public static string Types(JsonObject schema) =>
        JsonValues.Types(schema["type"]) is { Count: > 0 } types ? string.Join("|", types) : "any type";

    /// <summary>Adds <paramref name="type"/> to the schema's types; <c>number</c> replaces <c>integer</c>. A schema without a type allows all already.</summary>
    public static void AddType(JsonObject schema, string type)
    {
        var types = JsonValues.Types(schema["type"]).ToList();
        if (types.Count == 0 || types.Contains(type))
        {
            return;
        }

        var integer = types.IndexOf("integer");
        if (type == "number" && integer >= 0)
        {
            types[integer] = "number";
        }
        else if (type == "null")
        {
            types.Add(type);
        }
        else
        {
            types.Insert(types.Contains("null") ? types.IndexOf("null") : types.Count, type);
        }

        schema["type"] = types.Count == 1 ? types[0] : new JsonArray(types.Select(t => (JsonNode?)t).ToArray());
    }
}
