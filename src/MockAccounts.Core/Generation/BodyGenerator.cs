using System.Text.Json.Nodes;

namespace MockAccounts.Core.Generation;

/// <summary>Generates bodies from compiled schemas, deterministic per (seed, vendor, token).</summary>
public sealed class BodyGenerator
{
    private readonly GenerationOptions _options;

    public BodyGenerator(GenerationOptions options) => _options = options;

    public GenerationOptions Options => _options;

    public JsonNode? Generate(string vendor, string token, SchemaNode schema, OverrideNode? overrides) =>
        new GenerationRun(FieldSeed.Of(_options.Seed, vendor, token), _options.ReferenceTime).Generate(schema, overrides);
}
