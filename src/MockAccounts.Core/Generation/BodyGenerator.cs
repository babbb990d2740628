using System.Text.Json.Nodes;
using Bogus;

namespace MockAccounts.Core.Generation;

/// <summary>Generates bodies from compiled schemas, deterministic per (seed, vendor, token).</summary>
public sealed class BodyGenerator : IDisposable
{
    private readonly GenerationOptions _options;

    // Constructing a Faker costs milliseconds; one per thread is reused, reseeded field by field.
    // A generation run is synchronous, so a thread's Faker is never shared between runs.
    private readonly ThreadLocal<Faker> _fakers = new(() => new Faker("en"));

    public BodyGenerator(GenerationOptions options) => _options = options;

    public GenerationOptions Options => _options;

    /// <param name="draw">Which of the token's requests this is; only bodies that vary per request depend on it.</param>
    public JsonNode? Generate(string vendor, string token, SchemaNode schema, OverrideNode? overrides, RequestDraw draw = default) =>
        new GenerationRun(FieldSeed.Of(_options.Seed, vendor, token), _options.ReferenceTime, _fakers.Value!, draw).Generate(schema, overrides);

    public void Dispose() => _fakers.Dispose();
}
