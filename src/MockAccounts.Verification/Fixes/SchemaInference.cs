using System.Text.Json;
using System.Text.Json.Nodes;
using MockAccounts.Verification.Contracts;

namespace MockAccounts.Verification.Fixes;

/// <summary>
/// A schema for a value nothing in the contract describes (a new property, an undocumented status' body):
/// exactly the types observed, every property seen required, no others allowed.
/// </summary>
public static class SchemaInference
{
    private const string Observed = "Observed by mockaccounts verify; not in the vendor's documentation.";

    /// <summary>The schema of <paramref name="value"/>.</summary>
    /// <param name="value">A value observed.</param>
    public static JsonObject Infer(JsonElement value)
    {
        var schema = Shape(value);
        schema["description"] = Observed;
        return schema;
    }

    private static JsonObject Shape(JsonElement value)
    {
        var kind = JsonValues.Kind(value);
        switch (kind)
        {
            case JsonKind.Object:
                var properties = new JsonObject();
                foreach (var property in value.EnumerateObject())
                {
                    properties[property.Name] = Shape(property.Value);
                }

                var obj = new JsonObject
                {
                    ["type"] = "object",
                    ["additionalProperties"] = false,
                };
                if (properties.Count > 0)
                {
                    obj["required"] = new JsonArray(properties.Select(p => (JsonNode?)p.Key).ToArray());
                    obj["properties"] = properties;
                }
                else
                {
                    // The generator makes an object only from its properties: an empty one must be said.
                    obj["x-mock"] = new JsonObject { ["const"] = new JsonObject() };
                }

                return obj;
            case JsonKind.Array:
                var array = new JsonObject { ["type"] = "array" };
                var items = value.EnumerateArray().Select(Shape).ToArray();
                if (items.Length > 0)
                {
                    array["items"] = items.Skip(1).Aggregate(items[0], Merge);
                }

                return array;
            default:
                return new JsonObject { ["type"] = JsonValues.TypeName(kind) };
        }
    }

    /// <summary>One schema for two items: types joined, properties merged, required only where both had it.</summary>
    private static JsonObject Merge(JsonObject a, JsonObject b)
    {
        var types = JsonValues.Types(a["type"]).Union(JsonValues.Types(b["type"])).ToList();
        if (types.Contains("number"))
        {
            types.Remove("integer");
        }

        var merged = new JsonObject { ["type"] = types.Count == 1 ? types[0] : new JsonArray(types.Select(t => (JsonNode?)t).ToArray()) };
        if (a["properties"] is JsonObject pa | b["properties"] is JsonObject pb)
        {
            var properties = new JsonObject();
            var left = a["properties"] as JsonObject ?? [];
            var right = b["properties"] as JsonObject ?? [];
            foreach (var name in left.Select(p => p.Key).Union(right.Select(p => p.Key)))
            {
                properties[name] = left[name] is JsonObject l && right[name] is JsonObject r ? Merge(l, r) : (left[name] ?? right[name])!.DeepClone();
            }

            var required = Names(a["required"]).Intersect(Names(b["required"])).ToArray();
            merged["additionalProperties"] = false;
            if (required.Length > 0)
            {
                merged["required"] = new JsonArray(required.Select(n => (JsonNode?)n).ToArray());
            }

            merged["properties"] = properties;
        }
        else if (types.Contains("object"))
        {
            merged["additionalProperties"] = false;
            merged["x-mock"] = new JsonObject { ["const"] = new JsonObject() };
        }

        if (a["items"] is JsonObject ia && b["items"] is JsonObject ib)
        {
            merged["items"] = Merge(ia, ib);
        }
        else if ((a["items"] ?? b["items"]) is JsonObject one)
        {
            merged["items"] = one.DeepClone();
        }

        return merged;
    }

    private static IEnumerable<string> Names(JsonNode? list) => (list as JsonArray ?? []).Select(n => n?.ToString() ?? "");
}
