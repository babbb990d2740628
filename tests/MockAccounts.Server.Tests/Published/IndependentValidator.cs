using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;

namespace MockAccounts.Server.Tests.Published;

/// <summary>
/// Checks a body against a published spec's schema with JsonSchema.Net (JSON Schema 2020-12), not the mock's
/// NJsonSchema: the test's own reading of OpenAPI. 3.0 schemas are converted here as the spec means them
/// (<c>nullable: true</c> allows null besides what the schema allows; boolean <c>exclusiveMinimum</c> makes
/// <c>minimum</c> exclusive; keywords beside a <c>$ref</c> are ignored), and in a response a <c>writeOnly</c>
/// property is not required (OpenAPI 3.0 §4.7.24). Formats are checked.
/// </summary>
public static class IndependentValidator
{
    private static readonly EvaluationOptions Options = new() { RequireFormatValidation = true, OutputFormat = OutputFormat.List };
    private static int _documents;

    /// <returns>The errors, empty when the body keeps the schema.</returns>
    public static IReadOnlyList<string> Validate(string vendor, JsonNode schema, byte[] body)
    {
        var openApi30 = PublishedCorpus.IsOpenApi30(vendor);
        var root = Convert(schema, openApi30) as JsonObject ?? new JsonObject { ["allOf"] = new JsonArray(Convert(schema, openApi30)) };
        var definitions = new JsonObject();
        foreach (var (name, component) in PublishedCorpus.Spec(vendor)["components"]?["schemas"] as JsonObject ?? [])
        {
            definitions[name] = Convert(component, openApi30);
        }

        root["$schema"] = "https://json-schema.org/draft/2020-12/schema";
        root["$defs"] = definitions;
        var id = new Uri($"https://mockaccounts.test/{vendor}/{Interlocked.Increment(ref _documents)}");
        var built = JsonSchema.FromText(root.ToJsonString(), new BuildOptions { SchemaRegistry = new SchemaRegistry() }, id);
        using var document = JsonDocument.Parse(body);
        var results = built.Evaluate(document.RootElement, Options);
        return results.IsValid ? [] : (results.Details ?? []).Where(d => d.Errors is { Count: > 0 })
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Key}: {e.Value}")).DefaultIfEmpty("invalid").ToArray();
    }

    private static JsonNode? Convert(JsonNode? node, bool openApi30)
    {
        if (node is not JsonObject schema)
        {
            return node?.DeepClone();
        }

        if (schema["$ref"] is JsonValue reference)
        {
            var target = new JsonObject { ["$ref"] = reference.ToString().Replace("#/components/schemas/", "#/$defs/", StringComparison.Ordinal) };
            if (openApi30)
            {
                return target;
            }

            foreach (var (key, value) in schema.Where(p => p.Key != "$ref"))
            {
                target[key] = ConvertKeyword(key, value, openApi30);
            }

            return target;
        }

        var converted = new JsonObject();
        foreach (var (key, value) in schema)
        {
            if (openApi30 && key is "nullable" or "exclusiveMinimum" or "exclusiveMaximum" or "example")
            {
                continue;
            }

            converted[key] = ConvertKeyword(key, value, openApi30);
        }

        if (openApi30)
        {
            foreach (var (exclusive, bound) in new[] { ("exclusiveMinimum", "minimum"), ("exclusiveMaximum", "maximum") })
            {
                if (schema[exclusive]?.GetValue<bool>() == true && converted.Remove(bound, out var limit))
                {
                    converted[exclusive] = limit;
                }
            }
        }

        // A response needs no property only a request sends.
        if (converted["required"] is JsonArray required && converted["properties"] is JsonObject properties)
        {
            converted["required"] = new JsonArray(required.Where(r => properties[r!.ToString()]?["writeOnly"]?.GetValue<bool>() != true).Select(r => r!.DeepClone()).ToArray());
        }

        return openApi30 && schema["nullable"]?.GetValue<bool>() == true
            ? new JsonObject { ["anyOf"] = new JsonArray(converted, new JsonObject { ["type"] = "null" }) }
            : converted;
    }

    private static JsonNode? ConvertKeyword(string key, JsonNode? value, bool openApi30) => key switch
    {
        "properties" or "patternProperties" or "$defs" => new JsonObject(value!.AsObject().Select(p => KeyValuePair.Create(p.Key, Convert(p.Value, openApi30)))),
        "items" or "additionalProperties" or "not" or "contains" or "propertyNames" or "if" or "then" or "else" => Convert(value, openApi30),
        "allOf" or "oneOf" or "anyOf" or "prefixItems" => new JsonArray(value!.AsArray().Select(v => Convert(v, openApi30)).ToArray()),
        _ => value?.DeepClone(),
    };
}
