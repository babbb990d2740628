using System.Text.Json.Nodes;
using NJsonSchema;

namespace MockAccounts.Core.Loading;

/// <summary>
/// NJsonSchema validators for every request and response body of one OpenAPI document, from a
/// single parse: each body becomes a definition beside the components, so the components are parsed
/// once rather than once per body (that repetition was most of the contract load time).
/// </summary>
internal static class ValidatorBatch
{
    private const string BodyPrefix = "mockaccounts-body-";
    private static readonly string[] Methods = ["get", "put", "post", "delete", "patch", "head", "options", "trace"];

    /// <summary>
    /// Body schema node (by reference) to its validator; empty when the batch cannot be parsed, so
    /// each body is then parsed alone and the broken one is reported at its own location.
    /// </summary>
    public static async Task<IReadOnlyDictionary<JsonNode, JsonSchema>> CompileAsync(JsonObject document, Func<JsonNode?, JsonNode?> resolve)
    {
        var bodies = Bodies(document, resolve).Distinct(ReferenceEqualityComparer.Instance).Cast<JsonNode>().ToList();
        var definitions = SchemaCompiler.Rewrite(document["components"]?["schemas"]?.DeepClone()) as JsonObject ?? [];
        if (bodies.Count == 0 || definitions.Any(d => d.Key.StartsWith(BodyPrefix, StringComparison.Ordinal)))
        {
            return new Dictionary<JsonNode, JsonSchema>();
        }

        for (var i = 0; i < bodies.Count; i++)
        {
            definitions[BodyPrefix + i] = SchemaCompiler.Rewrite(bodies[i].DeepClone());
        }

        try
        {
            var root = await JsonSchema.FromJsonAsync(new JsonObject { ["definitions"] = definitions }.ToJsonString());
            var compiled = new Dictionary<JsonNode, JsonSchema>(ReferenceEqualityComparer.Instance);
            for (var i = 0; i < bodies.Count; i++)
            {
                compiled[bodies[i]] = root.Definitions[BodyPrefix + i];
            }

            return compiled;
        }
        catch (Exception e) when (e is InvalidOperationException or Newtonsoft.Json.JsonException or NotSupportedException)
        {
            return new Dictionary<JsonNode, JsonSchema>();
        }
    }

    private static IEnumerable<JsonNode> Bodies(JsonObject document, Func<JsonNode?, JsonNode?> resolve)
    {
        var operations = (document["paths"] as JsonObject ?? [])
            .Select(path => path.Value as JsonObject)
            .SelectMany(item => Methods.Select(method => item?[method] as JsonObject))
            .OfType<JsonObject>();
        foreach (var operation in operations)
        {
            var bodies = (operation["responses"] as JsonObject ?? []).Select(r => r.Value).Append(operation["requestBody"]);
            foreach (var body in bodies)
            {
                if (resolve(body)?["content"]?["application/json"]?["schema"] is { } schema)
                {
                    yield return schema;
                }
            }
        }
    }
}
