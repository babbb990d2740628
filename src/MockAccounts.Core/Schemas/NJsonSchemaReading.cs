using System.Text.Json.Nodes;

namespace MockAccounts.Core.Schemas;

/// <summary>
/// How NJsonSchema 10.7.2, the reference validator, reads a schema where it departs from JSON Schema, so the quick
/// check can take the same view: which schemas it takes for the one schema they refer to (an <c>allOf</c>, <c>oneOf</c>
/// or <c>anyOf</c> of one reference and no type), and which it takes to allow <c>null</c> (a property whose value is
/// null and whose schema is "nullable" is not checked at all). Read from its JsonSchema.IsNullable, ActualSchema and
/// ActualTypeSchema; a case this does not decide is <see cref="NotSupportedException"/> (NJsonSchema alone checks it).
/// </summary>
internal static class NJsonSchemaReading
{
    /// <summary>Keywords that only describe a value (NJsonSchema validates none of them), and <c>x-</c> extensions other than <c>x-nullable</c>.</summary>
    public static bool IsAnnotation(string keyword) =>
        keyword is "description" or "title" or "example" or "examples" or "deprecated" or "readOnly" or "writeOnly" or "default"
            or "externalDocs" or "xml" or "$comment" or "discriminator"
        || (keyword.StartsWith("x-", StringComparison.Ordinal) && keyword != "x-nullable");

    /// <summary>
    /// Keywords NJsonSchema 10.7.2 does not read at all (it keeps them as extension data and validates nothing of them):
    /// the loader warns of each, and the quick check, which answers as NJsonSchema does, passes over them too.
    /// </summary>
    public static bool IsUnread(string keyword) =>
        keyword is "if" or "then" or "else" or "dependentRequired" or "dependentSchemas" or "dependencies" or "contains" or "minContains"
            or "maxContains" or "propertyNames" or "unevaluatedProperties" or "unevaluatedItems" or "prefixItems" or "contentSchema"
            or "contentMediaType" or "contentEncoding" or "$dynamicRef" or "$dynamicAnchor" or "$recursiveRef" or "$recursiveAnchor" or "$anchor";

    /// <summary>
    /// The one schema NJsonSchema takes <paramref name="schema"/> for (its ActualSchema), when the schema has no type, no
    /// properties, no enum, no multipleOf, no additionalProperties schema and exactly one <c>allOf</c>, <c>oneOf</c> or
    /// <c>anyOf</c> element that is a reference; else null.
    /// </summary>
    public static JsonObject? ReferencedPart(JsonObject schema, Func<string, JsonNode?> resolve)
    {
        if (schema.ContainsKey("type") || schema.ContainsKey("multipleOf") || schema["additionalProperties"] is JsonObject
            || schema["properties"] is JsonObject { Count: > 0 } || schema["patternProperties"] is JsonObject { Count: > 0 } || schema["enum"] is JsonArray { Count: > 0 })
        {
            return null;
        }

        var (all, one, any) = (Count(schema["allOf"]), Count(schema["oneOf"]), Count(schema["anyOf"]));
        var only = (all, one, any) switch
        {
            (1, 0, 0) => schema["allOf"]![0],
            (0, 1, 0) => schema["oneOf"]![0],
            (0, 0, 1) => schema["anyOf"]![0],
            _ => null,
        };
        return only is JsonObject part && HasReference(part, resolve) ? part : null;

        static int Count(JsonNode? list) => list is JsonArray array ? array.Count : 0;
    }

    /// <summary>Whether NJsonSchema would let <c>null</c> through <paramref name="schema"/> (JsonSchema.IsNullable of JSON Schema reading).</summary>
    /// <exception cref="NotSupportedException">A case this reading does not decide.</exception>
    public static bool IsNullable(JsonObject schema, Func<string, JsonNode?> resolve) => IsNullable(schema, resolve, []);

    private static bool IsNullable(JsonNode? node, Func<string, JsonNode?> resolve, HashSet<JsonObject> visiting)
    {
        if (node is not JsonObject schema)
        {
            throw new NotSupportedException("a schema that is not an object");
        }

        if (!visiting.Add(schema))
        {
            throw new NotSupportedException("schemas whose nullability refers back to itself");
        }

        try
        {
            if (schema["$ref"] is JsonValue reference)
            {
                return IsNullable(resolve(reference.ToString()), resolve, visiting);
            }

            var types = schema["type"] switch
            {
                null => [],
                JsonArray list => list.Select(t => t?.ToString()).ToArray(),
                var one => [one.ToString()],
            };
            if ((schema["enum"] is JsonArray values && values.Any(v => v is null)) || types.Contains("null"))
            {
                return true;
            }

            if ((types.Length == 0 || types.Contains("null")) && schema["oneOf"] is JsonArray oneOf && oneOf.Any(o => IsNullable(o, resolve, visiting)))
            {
                return true;
            }

            if (ReferencedPart(schema, resolve) is { } part && IsNullable(part, resolve, visiting))
            {
                return true;
            }

            // ActualTypeSchema: of several allOf elements, the one that is neither a reference nor a dictionary.
            if (schema["allOf"] is JsonArray { Count: > 1 } allOf)
            {
                var plain = allOf.Where(p => p is not JsonObject element || (!HasReference(element, resolve) && !IsDictionary(element))).ToArray();
                if (plain is [var only])
                {
                    return IsNullable(only, resolve, visiting);
                }
            }

            return false;
        }
        finally
        {
            visiting.Remove(schema);
        }
    }

    private static bool HasReference(JsonObject schema, Func<string, JsonNode?> resolve) =>
        schema.ContainsKey("$ref") || ReferencedPart(schema, resolve) is not null;

    /// <summary>JsonSchema.IsDictionary: an object type, no properties of its own, and an additionalProperties schema or patternProperties.</summary>
    private static bool IsDictionary(JsonObject schema)
    {
        var objectType = schema["type"] switch
        {
            JsonArray list => list.Any(t => t?.ToString() == "object"),
            var one => one?.ToString() == "object",
        };
        if (!objectType || (schema["additionalProperties"] is not JsonObject && schema["patternProperties"] is not JsonObject { Count: > 0 }))
        {
            return false;
        }

        if (schema["properties"] is JsonObject { Count: > 0 })
        {
            return false;
        }

        // Properties inherited through allOf count too, in a way that depends on which element NJsonSchema takes for the base.
        return schema.ContainsKey("allOf") ? throw new NotSupportedException("nullability through a dictionary with allOf") : true;
    }
}
