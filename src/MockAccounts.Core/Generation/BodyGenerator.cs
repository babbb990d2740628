using System.Text.Json.Nodes;

namespace MockAccounts.Core.Generation;

/// <summary>Generates bodies from compiled schemas, deterministic per (seed, vendor, token).</summary>
public sealed class BodyGenerator
{
    // Constructing a Faker costs milliseconds: each thread keeps one run (and Faker) for the whole process, its
    // randomizer reseeded field by field, whichever generator (snapshot, server) uses it. A generation run is
    // synchronous, so a thread's run never serves two bodies at once; and a generator holds nothing of its own
    // to release, so a snapshot a reload replaces needs no disposing while a request may still be using it.
    [ThreadStatic]
    private static GenerationRun? t_run;

    private readonly GenerationOptions _options;

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
        (t_run ??= new GenerationRun()).Generate(FieldSeed.Of(_options.Seed, vendor, token), _options.ReferenceTime, draw, schema, overrides, schemaExamples);

    /// <summary>
    /// A request body for <paramref name="schema"/> (a published operation's), deterministic per (seed, vendor, token):
    /// <c>readOnly</c> properties left out, <c>writeOnly</c> ones included, schema examples taken. For clients and tests.
    /// </summary>
    /// <param name="vendor">The vendor name, part of every field's seed.</param>
    /// <param name="token">Any text that seeds the body.</param>
    /// <param name="schema">The request body schema.</param>
    public JsonNode? GenerateRequest(string vendor, string token, SchemaNode schema) =>
        (t_run ??= new GenerationRun()).Generate(FieldSeed.Of(_options.Seed, vendor, token), _options.ReferenceTime, default, schema, null, schemaExamples: true, request: true);
}
