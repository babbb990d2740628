using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using MockAccounts.Core.Json;
using MockAccounts.Verification.Contracts;
using MockAccounts.Verification.Fixes;

namespace MockAccounts.Verification;

/// <summary>
/// Holds a body to its schema more strictly than JSON Schema does, the way a typed consumer reads it: an
/// undeclared property is drift even where <c>additionalProperties</c> lets it through, <c>2.0</c> is not an
/// integer, formats are parsed. Walks the contract's own JSON, so each drift points into the contract file.
/// </summary>
internal sealed class StrictBodyCheck
{
    private const int MaxDepth = 64;
    private const int MaxListed = 10;

    private readonly ContractDocument _document;
    private readonly ValueDisplay _display;
    private readonly List<Drift> _drifts = [];

    private StrictBodyCheck(ContractDocument document, ValueDisplay display)
    {
        _document = document;
        _display = display;
    }

    /// <summary>Every drift of <paramref name="body"/> from the schema at <paramref name="schemaPointer"/>.</summary>
    public static IReadOnlyList<Drift> Run(ContractDocument document, ValueDisplay display, JsonElement body, string schemaPointer)
    {
        var check = new StrictBodyCheck(document, display);
        check.Walk(body, document.At(schemaPointer), schemaPointer, "", 0);
        return check._drifts;
    }

    private void Walk(JsonElement value, JsonNode? node, string nodePointer, string at, int depth)
    {
        var (schema, pointer) = _document.Resolve(node, nodePointer);
        if (schema is null || depth > MaxDepth)
        {
            return;
        }

        var kind = JsonValues.Kind(value);
        var types = JsonValues.Types(schema["type"]);
        if (!JsonValues.HasType(kind, types))
        {
            TypeDrift(value, kind, schema, pointer, at);
            return;
        }

        if (schema["enum"] is JsonArray listed && !listed.Any(v => JsonValues.Equal(value, v)))
        {
            var shown = listed.Take(MaxListed).Select(v => v?.ToJsonString() ?? "null");
            Add(DriftKind.EnumValue, at, Keyword(pointer, "enum"),
                $"one of {string.Join(", ", shown)}{(listed.Count > MaxListed ? $", … ({listed.Count.ToString(CultureInfo.InvariantCulture)} values)" : "")}",
                _display.Describe(value, listed: true),
                new AddEnumValue(pointer, JsonNode.Parse(value.GetRawText())));
            return;
        }

        switch (kind)
        {
            case JsonKind.String:
                String(value, schema, pointer, at);
                break;
            case JsonKind.Integer or JsonKind.Fraction:
                Number(value, schema, pointer, at);
                break;
            case JsonKind.Array:
                Array(value, schema, pointer, at, depth);
                break;
            case JsonKind.Object:
                Object(value, schema, pointer, at, depth);
                break;
        }
    }

    private void TypeDrift(JsonElement value, JsonKind kind, JsonObject schema, string pointer, string at)
    {
        var declared = schema["type"]!.ToJsonString();
        var listed = schema["enum"] is JsonArray;
        if (kind == JsonKind.Null)
        {
            Add(DriftKind.NullNotAllowed, at, Keyword(pointer, "type"), $"not null (type {declared})", "null", new AllowNull(pointer));
        }
        else if (kind == JsonKind.Fraction && JsonValues.Types(schema["type"]).Contains("integer"))
        {
            Add(DriftKind.IntegerFraction, at, Keyword(pointer, "type"), $"an integer (type {declared}), written without a fraction",
                _display.ShowValues || listed ? value.GetRawText() : "a number with a fraction", new WidenType(pointer, "number"));
        }
        else
        {
            Add(DriftKind.TypeMismatch, at, Keyword(pointer, "type"), $"type {declared}", _display.Describe(value, listed), new WidenType(pointer, JsonValues.TypeName(kind)));
        }
    }

    private void String(JsonElement value, JsonObject schema, string pointer, string at)
    {
        var text = value.GetString()!;
        var listed = schema["enum"] is JsonArray;
        if (schema["format"] is JsonValue f && f.TryGetValue<string>(out var format) && !SchemaFormats.Accepts(format, text))
        {
            Add(DriftKind.Format, at, Keyword(pointer, "format"), $"format \"{format}\"", $"{_display.Describe(value, listed)}, not a {format}", new DropKeyword(pointer, "format"));
        }

        if (schema["pattern"] is JsonValue p && p.TryGetValue<string>(out var pattern) && !Matches(pattern, text))
        {
            Add(DriftKind.Pattern, at, Keyword(pointer, "pattern"), $"pattern {JsonSerializer.Serialize(pattern, ReportJson.Options)}", $"{_display.Describe(value, listed)} that does not match", new DropKeyword(pointer, "pattern"));
        }

        var length = JsonValues.Length(text);
        var observed = _display.ShowValues || listed ? $"{_display.Describe(value, listed)} ({Count(length, "character")})" : _display.Describe(value);
        Bound(schema, pointer, at, "minLength", length, observed, (limit, n) => n < limit, limit => $"at least {Count(limit, "character")} (minLength)", shown: true);
        Bound(schema, pointer, at, "maxLength", length, observed, (limit, n) => n > limit, limit => $"at most {Count(limit, "character")} (maxLength)", shown: true);
    }

    private void Number(JsonElement value, JsonObject schema, string pointer, string at)
    {
        if (!value.TryGetDecimal(out var number))
        {
            return;
        }

        var listed = schema["enum"] is JsonArray;
        var show = _display.ShowValues || listed;
        Bound(schema, pointer, at, "minimum", number, show ? value.GetRawText() : "a value below the minimum", (limit, n) => n < limit, limit => $"at least {JsonValues.Text(limit)} (minimum)", show);
        Bound(schema, pointer, at, "maximum", number, show ? value.GetRawText() : "a value above the maximum", (limit, n) => n > limit, limit => $"at most {JsonValues.Text(limit)} (maximum)", show);
    }

    private void Array(JsonElement value, JsonObject schema, string pointer, string at, int depth)
    {
        var count = value.GetArrayLength();
        var observed = $"an array of {Count(count, "item")}";
        Bound(schema, pointer, at, "minItems", count, observed, (limit, n) => n < limit, limit => $"at least {Count(limit, "item")} (minItems)", shown: true);
        Bound(schema, pointer, at, "maxItems", count, observed, (limit, n) => n > limit, limit => $"at most {Count(limit, "item")} (maxItems)", shown: true);
        var items = value.EnumerateArray().ToArray();
        if (schema["uniqueItems"] is JsonValue u && u.TryGetValue<bool>(out var unique) && unique
            && items.Select((item, i) => items.Take(i).Any(earlier => JsonValues.Equal(item, JsonNode.Parse(earlier.GetRawText())))).Any(repeated => repeated))
        {
            Add(DriftKind.DuplicateItems, at, Keyword(pointer, "uniqueItems"), "unique items (uniqueItems)", $"{observed} with repeats", new DropKeyword(pointer, "uniqueItems"));
        }

        if (schema["items"] is { } itemSchema)
        {
            for (var i = 0; i < items.Length; i++)
            {
                Walk(items[i], itemSchema, Keyword(pointer, "items"), JsonPointer.Append(at, i), depth + 1);
            }
        }
    }

    private void Object(JsonElement value, JsonObject schema, string pointer, string at, int depth)
    {
        foreach (var name in (schema["required"] as JsonArray ?? []).Select(r => r?.ToString() ?? ""))
        {
            if (!value.TryGetProperty(name, out _))
            {
                Add(DriftKind.MissingRequired, JsonPointer.Append(at, name), Keyword(pointer, "required"), $"required property \"{name}\"", "absent", new MakeOptional(pointer, name));
            }
        }

        var declared = schema["properties"] as JsonObject;
        var additional = schema["additionalProperties"];
        var closed = additional is JsonValue a && a.TryGetValue<bool>(out var open) && !open;
        foreach (var property in value.EnumerateObject())
        {
            var propertyAt = JsonPointer.Append(at, property.Name);
            if (declared is not null && declared.TryGetPropertyValue(property.Name, out var propertySchema))
            {
                Walk(property.Value, propertySchema, JsonPointer.Append(Keyword(pointer, "properties"), property.Name), propertyAt, depth + 1);
            }
            else if (declared is not null || closed)
            {
                // A declared object is documented field by field: anything else is news to its consumers, allowed or not.
                var names = declared?.Select(p => p.Key).ToArray() ?? [];
                var listedNames = names.Length == 0 ? "none" : string.Join(", ", names.Take(MaxListed)) + (names.Length > MaxListed ? ", …" : "");
                Add(DriftKind.UnknownProperty, propertyAt, Keyword(pointer, "properties"),
                    $"only the declared properties ({listedNames}){(closed ? "; additionalProperties: false" : "; the schema lets others through, but each one the vendor sends should be declared")}",
                    _display.Describe(property.Value), new AddProperty(pointer, property.Name, SchemaInference.Infer(property.Value)));
            }
            else if (additional is JsonObject)
            {
                // A map: its keys are data, its values have the additional schema.
                Walk(property.Value, additional, Keyword(pointer, "additionalProperties"), propertyAt, depth + 1);
            }
        }
    }

    private void Bound(JsonObject schema, string pointer, string at, string keyword, decimal observed, string description,
        Func<decimal, decimal, bool> breaks, Func<decimal, string> expected, bool shown)
    {
        if (JsonValues.Number(schema[keyword]) is { } limit && breaks(limit, observed))
        {
            Add(DriftKind.OutOfBounds, at, Keyword(pointer, keyword), expected(limit), description, new SetBound(pointer, keyword, observed, shown));
        }
    }

    private static bool Matches(string pattern, string text)
    {
        try
        {
            return Regex.IsMatch(text, pattern, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        }
        catch (ArgumentException)
        {
            return true;
        }
        catch (RegexMatchTimeoutException)
        {
            return true;
        }
    }

    private void Add(DriftKind kind, string at, string contractPointer, string expected, string observed, ContractFix fix) =>
        _drifts.Add(new Drift(kind, CheckAspect.Body, at, contractPointer, expected, observed, $"{fix.Describe()}: {_document.Where(fix.Pointer)}", fix));

    private static string Keyword(string pointer, string keyword) => JsonPointer.Append(pointer, keyword);

    private static string Count(decimal count, string one) =>
        $"{JsonValues.Text(count)} {(count == 1 ? one : one + "s")}";
}
