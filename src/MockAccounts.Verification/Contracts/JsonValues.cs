using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace MockAccounts.Verification.Contracts;

/// <summary>JSON values as schemas see them: their kind, the schema type names, equality by value.</summary>
public static class JsonValues
{
    /// <summary>The kind of <paramref name="value"/>; a number's kind comes from how it is written.</summary>
    /// <param name="value">Any JSON value.</param>
    public static JsonKind Kind(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Null or JsonValueKind.Undefined => JsonKind.Null,
        JsonValueKind.True or JsonValueKind.False => JsonKind.Boolean,
        JsonValueKind.Number => value.GetRawText().AsSpan().IndexOfAny(".eE") >= 0 ? JsonKind.Fraction : JsonKind.Integer,
        JsonValueKind.String => JsonKind.String,
        JsonValueKind.Array => JsonKind.Array,
        _ => JsonKind.Object,
    };

    /// <summary>The schema type name of a kind (<c>integer</c>, <c>number</c>, …).</summary>
    /// <param name="kind">The kind.</param>
    public static string TypeName(JsonKind kind) => kind switch
    {
        JsonKind.Null => "null",
        JsonKind.Boolean => "boolean",
        JsonKind.Integer => "integer",
        JsonKind.Fraction => "number",
        JsonKind.String => "string",
        JsonKind.Array => "array",
        _ => "object",
    };

    /// <summary>The types a schema's <c>type</c> names; empty when it names none (any type).</summary>
    /// <param name="type">The <c>type</c> keyword's value.</param>
    public static IReadOnlyList<string> Types(JsonNode? type) => type switch
    {
        null => [],
        JsonArray array => array.Select(t => t?.ToString() ?? "").ToArray(),
        _ => [type.ToString()],
    };

    /// <summary>Whether a value of <paramref name="kind"/> has one of <paramref name="types"/> (a fraction is not an integer).</summary>
    /// <param name="kind">The value's kind.</param>
    /// <param name="types">The declared types; empty allows any.</param>
    public static bool HasType(JsonKind kind, IReadOnlyList<string> types) =>
        types.Count == 0 || types.Contains(TypeName(kind)) || (kind == JsonKind.Integer && types.Contains("number"));

    /// <summary>Whether two JSON values are equal as JSON Schema's <c>enum</c> compares them (numbers by value).</summary>
    /// <param name="observed">The value observed.</param>
    /// <param name="listed">A value the contract lists.</param>
    public static bool Equal(JsonElement observed, JsonNode? listed)
    {
        if (listed is null)
        {
            return observed.ValueKind == JsonValueKind.Null;
        }

        var element = JsonSerializer.SerializeToElement(listed);
        return Equal(observed, element);
    }

    private static bool Equal(JsonElement a, JsonElement b)
    {
        if (a.ValueKind == JsonValueKind.Number && b.ValueKind == JsonValueKind.Number)
        {
            return a.TryGetDecimal(out var x) && b.TryGetDecimal(out var y) ? x == y : a.GetDouble().Equals(b.GetDouble());
        }

        if (a.ValueKind != b.ValueKind)
        {
            return false;
        }

        return a.ValueKind switch
        {
            JsonValueKind.String => a.GetString() == b.GetString(),
            JsonValueKind.Array => a.GetArrayLength() == b.GetArrayLength() && a.EnumerateArray().Zip(b.EnumerateArray()).All(p => Equal(p.First, p.Second)),
            JsonValueKind.Object => a.EnumerateObject().Count() == b.EnumerateObject().Count()
                && a.EnumerateObject().All(p => b.TryGetProperty(p.Name, out var other) && Equal(p.Value, other)),
            _ => true,
        };
    }

    /// <summary>A number keyword's value (<c>minimum</c>, <c>maxLength</c>, …), or null.</summary>
    /// <param name="node">The keyword's value.</param>
    public static decimal? Number(JsonNode? node) =>
        node is JsonValue v && v.TryGetValue<JsonElement>(out var e) && e.ValueKind == JsonValueKind.Number && e.TryGetDecimal(out var d) ? d
        : node is JsonValue w && w.TryGetValue<decimal>(out var direct) ? direct
        : null;

    /// <summary>A number as contracts and reports write it.</summary>
    /// <param name="value">The number.</param>
    public static string Text(decimal value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>The number of Unicode code points in <paramref name="text"/>, as JSON Schema counts a string's length.</summary>
    /// <param name="text">The string.</param>
    public static int Length(string text) => text.EnumerateRunes().Count();
}
