using System.Text.Json.Nodes;

namespace MockAccounts.Core.Generation;

internal enum EdgeKind
{
    /// <summary>The property is left out.</summary>
    Absent,

    Null,

    /// <summary>A fixed value: a bound, an enum value, an empty or non-ASCII string.</summary>
    Literal,

    /// <summary>What the hint (or, without one, the schema) generates.</summary>
    Generated,

    /// <summary>A generated date-time with fractional seconds.</summary>
    GeneratedWithFraction,

    /// <summary>An array of <see cref="EdgeOption.Count"/> generated items.</summary>
    Items,
}

/// <summary>One of the values a field takes in turn under <see cref="Variation.Edges"/>.</summary>
internal readonly record struct EdgeOption(EdgeKind Kind, JsonNode? Literal = null, Hint? Hint = null, int Count = 0)
{
    public static readonly EdgeOption Absent = new(EdgeKind.Absent);

    public static readonly EdgeOption Null = new(EdgeKind.Null);

    public static EdgeOption Value(JsonNode? literal) => new(EdgeKind.Literal, literal);
}
