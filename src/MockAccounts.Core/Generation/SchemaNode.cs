using System.Text.Json.Nodes;
using MockAccounts.Core.Schemas;

namespace MockAccounts.Core.Generation;

/// <summary>
/// A body schema with its <c>$ref</c>s resolved and its generation hint parsed: what the generator
/// walks. Validation uses NJsonSchema over the original JSON, not this.
/// </summary>
public sealed class SchemaNode
{
    private static readonly IReadOnlySet<string> EmptyNames = new HashSet<string>();

    private readonly Dictionary<string, SchemaNode> _properties = new(StringComparer.Ordinal);
    private readonly List<string> _propertyOrder = [];

    /// <summary>Where this schema is defined, e.g. <c>/components/schemas/Account</c>.</summary>
    public required string Source { get; init; }

    /// <summary>The types the schema allows (<see cref="SchemaTypes.None"/>: any).</summary>
    public SchemaTypes Types { get; set; }

    /// <summary>The OpenAPI <c>format</c> (e.g. <c>date-time</c>, <c>uuid</c>), which shapes generated strings.</summary>
    public string? Format { get; set; }

    /// <summary>The only values allowed, or null when any are.</summary>
    public IReadOnlyList<JsonNode?>? Enum { get; set; }

    /// <summary>The schema of an array's items, or null.</summary>
    public SchemaNode? Items { get; set; }

    /// <summary>The smallest number allowed, or null.</summary>
    public decimal? Minimum { get; set; }

    /// <summary>The largest number allowed, or null.</summary>
    public decimal? Maximum { get; set; }

    /// <summary>The <c>x-mock</c> generation hint, or null to generate from the schema alone.</summary>
    public Hint? Hint { get; set; }

    /// <summary>The shortest string allowed, or null.</summary>
    public int? MinLength { get; set; }

    /// <summary>The longest string allowed, or null.</summary>
    public int? MaxLength { get; set; }

    /// <summary>The most items an array may hold, or null.</summary>
    public int? MaxItems { get; set; }

    /// <summary>The schema's <c>pattern</c>, compiled (as the validator reads it: .NET syntax).</summary>
    public System.Text.RegularExpressions.Regex? Pattern { get; set; }

    /// <summary>Properties the schema requires; the others may be left out.</summary>
    public IReadOnlySet<string> Required { get; set; } = EmptyNames;

    /// <summary>The fewest items an array may hold, or null.</summary>
    internal int? MinItems { get; set; }

    /// <summary>Whether an array's items must differ from each other.</summary>
    internal bool UniqueItems { get; set; }

    /// <summary>What every number must be a multiple of, or null.</summary>
    internal decimal? MultipleOf { get; set; }

    /// <summary>The fewest properties an object may have, or null.</summary>
    internal int? MinProperties { get; set; }

    /// <summary>The schema of properties an object has beyond its declared ones (a map's values), or null.</summary>
    internal SchemaNode? AdditionalProperties { get; set; }

    /// <summary>Whether the property is sent only in responses (<c>readOnly</c>): never generated in a request.</summary>
    internal bool ReadOnly { get; set; }

    /// <summary>Whether the property is sent only in requests (<c>writeOnly</c>): never generated in a response.</summary>
    internal bool WriteOnly { get; set; }

    /// <summary>
    /// The schema's own example (<c>example</c>, or the first of <c>examples</c>), when it keeps the schema: the
    /// value a published spec's field takes unless generated bodies are asked for.
    /// </summary>
    internal JsonNode? Example { get; set; }

    /// <summary>Whether <see cref="Example"/> holds an example (which may be JSON null).</summary>
    internal bool HasExample { get; set; }

    /// <summary>
    /// The schemas one of which the value takes (<c>oneOf</c> or <c>anyOf</c>, each merged with this schema's own
    /// keywords), or null.
    /// </summary>
    internal IReadOnlyList<SchemaNode>? Alternatives { get; set; }

    /// <summary>The property that names the alternative taken (<c>discriminator.propertyName</c>), or null.</summary>
    internal string? Discriminator { get; set; }

    /// <summary>For each of <see cref="Alternatives"/>, the value its <see cref="Discriminator"/> property takes, or null to keep the generated one.</summary>
    internal IReadOnlyList<string?>? DiscriminatorValues { get; set; }

    /// <summary>Why no value can keep this schema (e.g. <c>minimum</c> above <c>maximum</c>), or null: generating it is an error naming <see cref="Source"/>.</summary>
    internal string? Impossible { get; set; }

    /// <summary>Makes strings that match <see cref="Pattern"/>, or null when the schema has none.</summary>
    internal PatternText? PatternText { get; set; }

    /// <summary>Whether <c>"null"</c> is among the declared types, or one of the alternatives is null alone.</summary>
    public bool IsNullable => (Types & SchemaTypes.Null) != 0 || (Alternatives?.Any(a => a.Types == SchemaTypes.Null) ?? false);

    /// <summary>The object's property names in contract order, the order bodies are written in.</summary>
    public IReadOnlyList<string> PropertyNames => _propertyOrder;

    /// <summary>Whether the schema allows <paramref name="type"/> (a schema without a type allows all).</summary>
    /// <param name="type">The type to test.</param>
    public bool HasType(SchemaTypes type) => Types == SchemaTypes.None || (Types & type) != 0;

    /// <summary>Adds an object property, keeping contract order.</summary>
    /// <param name="name">The property name.</param>
    /// <param name="schema">The property's schema.</param>
    public void AddProperty(string name, SchemaNode schema)
    {
        if (_properties.TryAdd(name, schema))
        {
            _propertyOrder.Add(name);
        }
    }

    /// <summary>Adds an object property or replaces its schema, keeping contract order (an allOf merges a property's schemas).</summary>
    internal void SetProperty(string name, SchemaNode schema)
    {
        if (_properties.TryAdd(name, schema))
        {
            _propertyOrder.Add(name);
        }
        else
        {
            _properties[name] = schema;
        }
    }

    /// <summary>The schema of the named property, or null when the object does not declare it.</summary>
    /// <param name="name">The property name.</param>
    public SchemaNode? Property(string name) => _properties.GetValueOrDefault(name);

    /// <summary>Whether a value here or below is drawn per request (a <c>perRequest</c> hint), not once per token.</summary>
    public bool VariesPerRequest() => VariesPerRequest([]);

    private static bool PerRequest(Hint? hint) => hint switch
    {
        PerRequestHint => true,
        WhenHint w => PerRequest(w.Then) || PerRequest(w.Else),
        _ => false,
    };

    private bool VariesPerRequest(HashSet<SchemaNode> seen) =>
        seen.Add(this)
        && (PerRequest(Hint) || (Items?.VariesPerRequest(seen) ?? false) || _properties.Values.Any(p => p.VariesPerRequest(seen))
            || (Alternatives?.Any(a => a.VariesPerRequest(seen)) ?? false) || (AdditionalProperties?.VariesPerRequest(seen) ?? false));
}
