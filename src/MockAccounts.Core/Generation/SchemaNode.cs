using System.Text.Json.Nodes;

namespace MockAccounts.Core.Generation;

[Flags]
public enum SchemaTypes
{
    None = 0,
    Null = 1,
    Boolean = 2,
    Integer = 4,
    Number = 8,
    String = 16,
    Array = 32,
    Object = 64,
}

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

    public SchemaTypes Types { get; set; }

    public string? Format { get; set; }

    public IReadOnlyList<JsonNode?>? Enum { get; set; }

    public SchemaNode? Items { get; set; }

    public decimal? Minimum { get; set; }

    public decimal? Maximum { get; set; }

    public Hint? Hint { get; set; }

    public int? MinLength { get; set; }

    public int? MaxLength { get; set; }

    public int? MaxItems { get; set; }

    /// <summary>The schema's <c>pattern</c>, compiled (as the validator reads it: .NET syntax).</summary>
    public System.Text.RegularExpressions.Regex? Pattern { get; set; }

    /// <summary>Properties the schema requires; the others may be left out.</summary>
    public IReadOnlySet<string> Required { get; set; } = EmptyNames;

    /// <summary>Whether <c>"null"</c> is among the declared types.</summary>
    public bool IsNullable => (Types & SchemaTypes.Null) != 0;

    public IReadOnlyList<string> PropertyNames => _propertyOrder;

    public bool HasType(SchemaTypes type) => Types == SchemaTypes.None || (Types & type) != 0;

    public void AddProperty(string name, SchemaNode schema)
    {
        if (_properties.TryAdd(name, schema))
        {
            _propertyOrder.Add(name);
        }
    }

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
