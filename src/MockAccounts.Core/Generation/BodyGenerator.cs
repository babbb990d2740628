using System.Text.Json.Nodes;

namespace MockAccounts.Core.Generation;

/// <summary>Generates bodies from compiled schemas, deterministic per (seed, vendor, token).</summary>
public sealed class BodyGenerator : IDisposable
{
    private readonly GenerationOptions _options;

    // Constructing a Faker costs milliseconds; one per thread is reused, its randomizer reseeded field by field.
    // A generation run is synchronous, so a thread's run (and Faker) never serves two bodies at once.
    private readonly ThreadLocal<GenerationRun> _runs = new(() => new GenerationRun());

    /// <summary>A generator whose bodies are reproducible for the given seed and reference time.</summary>
    /// <param name="options">The seed and reference time bodies are generated with.</param>
    public BodyGenerator(GenerationOptions options) => _options = options;

    /// <param name="draw">Which of the token's requests this is; only bodies that vary per request depend on it.</param>
    /// <param name="vendor">The vendor name, part of every field's seed.</param>
    /// <param name="token">The credential the body is for; the same token always gets the same body.</param>
    /// <param name="schema">The body schema to generate from.</param>
    /// <param name="overrides">The scenario's and the account's partial body laid over the generated one, or null.</param>
    /// <param name="schemaExamples">Fields whose schema gives an example take it (a published spec served from its examples).</param>
    public JsonNode? Generate(string vendor, string token, SchemaNode schema, OverrideNode? overrides, RequestDraw draw = default, bool schemaExamples = false) =>
        _runs.Value!.Generate(FieldSeed.Of(_options.Seed, vendor, token), _options.ReferenceTime, draw, schema, overrides, schemaExamples);

    /// <summary>
    /// A request body for <paramref name="schema"/> (a published operation's), deterministic per (seed, vendor, token):
    /// <c>readOnly</c> properties left out, <c>writeOnly</c> ones included, schema examples taken. For clients and tests.
    /// </summary>
    /// <param name="vendor">The vendor name, part of every field's seed.</param>
    /// <param name="token">Any text that seeds the body.</param>
    /// <param name="schema">The request body schema.</param>
    public JsonNode? GenerateRequest(string vendor, string token, SchemaNode schema) =>
        _runs.Value!.Generate(FieldSeed.Of(_options.Seed, vendor, token), _options.ReferenceTime, default, schema, null, schemaExamples: true, request: true);

    /// <summary>Releases the per-thread runs and their fakers.</summary>
    public void Dispose() => _runs.Dispose();
}
