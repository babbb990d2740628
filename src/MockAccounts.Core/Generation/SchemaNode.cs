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

    /// <summary>Whether <c>"null"</c> is among the declared types.</summary>
    public bool IsNullable => (Types & SchemaTypes.Null) != 0;

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
        && (PerRequest(Hint) || (Items?.VariesPerRequest(seen) ?? false) || _properties.Values.Any(p => p.VariesPerRequest(seen)));
}
