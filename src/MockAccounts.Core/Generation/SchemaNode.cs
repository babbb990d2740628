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
}
