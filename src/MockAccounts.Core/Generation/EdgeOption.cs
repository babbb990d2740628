using System.Text.Json.Nodes;

namespace MockAccounts.Core.Generation;

/// <summary>One of the values a field takes in turn under <see cref="Variation.Edges"/>.</summary>
internal readonly record struct EdgeOption(EdgeKind Kind, JsonNode? Literal = null, Hint? Hint = null, int Count = 0)
{
    public static readonly EdgeOption Absent = new(EdgeKind.Absent);

    public static readonly EdgeOption Null = new(EdgeKind.Null);

    public static EdgeOption Value(JsonNode? literal) => new(EdgeKind.Literal, literal);
}
