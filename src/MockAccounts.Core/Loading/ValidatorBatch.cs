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

    /// <summary>
    /// Body schema node (by reference) to its validator; empty when the batch cannot be parsed, so
    /// each body is then parsed alone and the broken one is reported at its own location.
    /// </summary>
    /// <param name="document">The OpenAPI document whose components the bodies refer to.</param>
    /// <param name="bodies">The body schemas, as the document holds them.</param>
    /// <param name="view">Which side of the exchange the bodies are (what <c>readOnly</c> and <c>writeOnly</c> mean).</param>
    public static async Task<IReadOnlyDictionary<JsonNode, JsonSchema>> CompileAsync(JsonObject document, IReadOnlyList<JsonNode> bodies, SchemaView view)
    {
        var distinct = bodies.Distinct(ReferenceEqualityComparer.Instance).Cast<JsonNode>().ToList();
        var definitions = SchemaCompiler.Rewrite(document["components"]?["schemas"]?.DeepClone(), view) as JsonObject ?? [];
        if (distinct.Count == 0 || definitions.Any(d => d.Key.StartsWith(BodyPrefix, StringComparison.Ordinal)))
        {
            return new Dictionary<JsonNode, JsonSchema>();
        }

        for (var i = 0; i < distinct.Count; i++)
        {
            definitions[BodyPrefix + i] = SchemaCompiler.Rewrite(distinct[i].DeepClone(), view);
        }

        try
        {
            var root = await JsonSchema.FromJsonAsync(new JsonObject { ["definitions"] = definitions }.ToJsonString());
            var compiled = new Dictionary<JsonNode, JsonSchema>(ReferenceEqualityComparer.Instance);
            for (var i = 0; i < distinct.Count; i++)
            {
                compiled[distinct[i]] = root.Definitions[BodyPrefix + i];
            }

            return compiled;
        }
        catch (Exception e) when (e is InvalidOperationException or Newtonsoft.Json.JsonException or NotSupportedException)
        {
            return new Dictionary<JsonNode, JsonSchema>();
        }
    }
}
