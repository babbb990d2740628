using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using MockAccounts.Core.Generation;

namespace MockAccounts.Core.Validation;

/// <summary>
/// A yes/no check of a JSON body against a schema of the closed keyword set the loader accepts, for the
/// serving path. It is conservative by design: whenever it is unsure (an unusual number, a format it
/// reads more strictly than the spec) it answers "no", and the caller asks NJsonSchema, which also
/// describes the violations. So a "yes" must never be wrong; a "no" may be, and only costs time.
/// A differential test holds it to NJsonSchema's verdict over every scenario's bodies and their mutations.
/// </summary>
internal sealed class BodyCheck
{
    private static readonly Regex DateTime = new(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$", RegexOptions.CultureInvariant);
    private static readonly Regex Uuid = new("^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$", RegexOptions.CultureInvariant);
    private static readonly Regex Email = new(@"^[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$", RegexOptions.CultureInvariant);

    private SchemaTypes _types;
    private string? _format;
    private Regex? _pattern;
    private decimal? _minimum;
    private decimal? _maximum;
    private int? _minLength;
    private int? _maxLength;
    private int? _minItems;
    private int? _maxItems;
    private bool _uniqueItems;
    private HashSet<string>? _enumStrings;
    private JsonElement[]? _enumOthers;
    private Dictionary<string, BodyCheck>? _properties;
    private string[] _required = [];
    private bool _additionalForbidden;
    private BodyCheck? _additional;
    private BodyCheck? _items;

    private BodyCheck()
    {
    }

    /// <summary>Compiles <paramref name="schema"/>; <paramref name="resolve"/> follows a <c>$ref</c> (cycles are fine).</summary>
    /// <returns>Null when the schema uses anything outside the closed set: the caller then relies on NJsonSchema alone.</returns>
    public static BodyCheck? Compile(JsonNode schema, Func<string, JsonNode?> resolve)
    {
        var compiled = new Dictionary<string, BodyCheck>(StringComparer.Ordinal);
        try
        {
            return Compile(schema, resolve, compiled);
        }
        catch (NotSupportedException)
        {
            return null;
        }
    }

    /// <summary>True only when the body is JSON that keeps the schema.</summary>
    /// <param name="body">The body as UTF-8 JSON.</param>
    public bool Accepts(ReadOnlySpan<byte> body)
    {
        try
        {
            var reader = new Utf8JsonReader(body);
            using var document = JsonDocument.ParseValue(ref reader);
            return !reader.Read() && Accepts(document.RootElement);
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static BodyCheck Compile(JsonNode node, Func<string, JsonNode?> resolve, Dictionary<string, BodyCheck> compiled)
    {
        if (node is not JsonObject obj)
        {
            throw new NotSupportedException("a schema that is not an object");
        }

        if (obj["$ref"] is JsonValue reference)
        {
            var name = reference.ToString();
            if (compiled.TryGetValue(name, out var known))
            {
                return known;
            }

            var target = new BodyCheck();
            compiled[name] = target;
            target.Fill(resolve(name) as JsonObject ?? throw new NotSupportedException("a $ref that does not resolve"), resolve, compiled);
            return target;
        }

        var check = new BodyCheck();
        check.Fill(obj, resolve, compiled);
        return check;
    }

    private void Fill(JsonObject obj, Func<string, JsonNode?> resolve, Dictionary<string, BodyCheck> compiled)
    {
        foreach (var (key, value) in obj)
        {
            switch (key)
            {
                case "type":
                    _types = Types(value);
                    break;
                case "format":
                    _format = value?.ToString();
                    break;
                case "pattern":
                    _pattern = new Regex(value!.ToString(), RegexOptions.CultureInvariant);
                    break;
                case "minimum":
                    _minimum = value!.GetValue<decimal>();
                    break;
                case "maximum":
                    _maximum = value!.GetValue<decimal>();
                    break;
                case "minLength":
                    _minLength = value!.GetValue<int>();
                    break;
                case "maxLength":
                    _maxLength = value!.GetValue<int>();
                    break;
                case "minItems":
                    _minItems = value!.GetValue<int>();
                    break;
                case "maxItems":
                    _maxItems = value!.GetValue<int>();
                    break;
                case "uniqueItems":
                    _uniqueItems = value!.GetValue<bool>();
                    break;
                case "enum":
                    var values = value!.AsArray();
                    _enumStrings = values.Where(v => v?.GetValueKind() == JsonValueKind.String).Select(v => v!.GetValue<string>()).ToHashSet(StringComparer.Ordinal);
                    _enumOthers = values.Where(v => v?.GetValueKind() != JsonValueKind.String)
                        .Select(v => JsonDocument.Parse(v?.ToJsonString() ?? "null").RootElement.Clone()).ToArray();
                    if (_enumOthers.Any(e => e.ValueKind is JsonValueKind.Object or JsonValueKind.Array))
                    {
                        throw new NotSupportedException("an enum of objects or arrays");
                    }

                    break;
                case "properties":
                    _properties = value!.AsObject().ToDictionary(p => p.Key, p => Compile(p.Value!, resolve, compiled), StringComparer.Ordinal);
                    break;
                case "required":
                    _required = value!.AsArray().Select(r => r!.GetValue<string>()).ToArray();
                    break;
                case "additionalProperties":
                    if (value is JsonValue flag && flag.TryGetValue<bool>(out var allowed))
                    {
                        _additionalForbidden = !allowed;
                    }
                    else
                    {
                        _additional = Compile(value!, resolve, compiled);
                    }

                    break;
                case "items":
                    _items = Compile(value!, resolve, compiled);
                    break;
                case "description" or "deprecated" or "title" or "examples" or "example" or "readOnly" or "writeOnly" or "x-mock":
                    break;
                default:
                    throw new NotSupportedException($"keyword '{key}'");
            }
        }
    }

    private static SchemaTypes Types(JsonNode? type)
    {
        var names = type is JsonArray array ? array.Select(t => t!.GetValue<string>()) : [type!.GetValue<string>()];
        var types = SchemaTypes.None;
        foreach (var name in names)
        {
            types |= name switch
            {
                "null" => SchemaTypes.Null,
                "boolean" => SchemaTypes.Boolean,
                "integer" => SchemaTypes.Integer,
                "number" => SchemaTypes.Number,
                "string" => SchemaTypes.String,
                "array" => SchemaTypes.Array,
                "object" => SchemaTypes.Object,
                _ => throw new NotSupportedException($"type '{name}'"),
            };
        }

        return types;
    }

    private bool Accepts(JsonElement value)
    {
        if (!TypeAllows(value) || (_enumStrings is not null && !InEnum(value)))
        {
            return false;
        }

        return value.ValueKind switch
        {
            JsonValueKind.String => StringAccepted(value.GetString()!),
            JsonValueKind.Number => NumberAccepted(value),
            JsonValueKind.Object => ObjectAccepted(value),
            JsonValueKind.Array => ArrayAccepted(value),
            _ => true,
        };
    }

    private bool TypeAllows(JsonElement value) => _types == SchemaTypes.None || value.ValueKind switch
    {
        JsonValueKind.Null => (_types & SchemaTypes.Null) != 0,
        JsonValueKind.True or JsonValueKind.False => (_types & SchemaTypes.Boolean) != 0,
        JsonValueKind.String => (_types & SchemaTypes.String) != 0,
        JsonValueKind.Object => (_types & SchemaTypes.Object) != 0,
        JsonValueKind.Array => (_types & SchemaTypes.Array) != 0,
        JsonValueKind.Number => (_types & SchemaTypes.Number) != 0 || ((_types & SchemaTypes.Integer) != 0 && IsInteger(value)),
        _ => false,
    };

    /// <summary>An integer as NJsonSchema (Newtonsoft) reads one: written without a fraction or exponent.</summary>
    private static bool IsInteger(JsonElement value)
    {
        var raw = value.GetRawText();
        return raw.IndexOfAny(['.', 'e', 'E']) < 0;
    }

    private bool InEnum(JsonElement value) =>
        value.ValueKind == JsonValueKind.String
            ? _enumStrings!.Contains(value.GetString()!)
            : _enumOthers!.Any(e => e.GetRawText() == value.GetRawText());

    private bool StringAccepted(string text)
    {
        if (_minLength is not null || _maxLength is not null)
        {
            // Where UTF-16 units and text elements disagree, let NJsonSchema count.
            if (!Ascii.IsValid(text))
            {
                return false;
            }

            if (text.Length < (_minLength ?? 0) || text.Length > (_maxLength ?? int.MaxValue))
            {
                return false;
            }
        }

        if (_pattern is not null && !_pattern.IsMatch(text))
        {
            return false;
        }

        return _format switch
        {
            "date-time" => DateTime.IsMatch(text) && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out _),
            "uuid" or "guid" => Uuid.IsMatch(text),
            "email" => Email.IsMatch(text),
            "uri" => Uri.TryCreate(text, UriKind.Absolute, out _) && Ascii.IsValid(text),
            _ => true,
        };
    }

    private bool NumberAccepted(JsonElement value)
    {
        if (_minimum is null && _maximum is null)
        {
            return true;
        }

        return value.TryGetDecimal(out var number) && number >= (_minimum ?? decimal.MinValue) && number <= (_maximum ?? decimal.MaxValue);
    }

    private bool ObjectAccepted(JsonElement value)
    {
        foreach (var name in _required)
        {
            if (!value.TryGetProperty(name, out _))
            {
                return false;
            }
        }

        foreach (var property in value.EnumerateObject())
        {
            if (_properties is not null && _properties.TryGetValue(property.Name, out var check))
            {
                if (!check.Accepts(property.Value))
                {
                    return false;
                }
            }
            else if (_additionalForbidden || (_additional is not null && !_additional.Accepts(property.Value)))
            {
                return false;
            }
        }

        return true;
    }

    private bool ArrayAccepted(JsonElement value)
    {
        var count = value.GetArrayLength();
        if (count < (_minItems ?? 0) || count > (_maxItems ?? int.MaxValue))
        {
            return false;
        }

        // Equal values may be written differently (1 and 1.0, reordered objects): only strings are compared here.
        if (_uniqueItems && (value.EnumerateArray().Any(e => e.ValueKind != JsonValueKind.String)
            || value.EnumerateArray().Select(e => e.GetString()).Distinct(StringComparer.Ordinal).Count() != count))
        {
            return false;
        }

        return _items is null || value.EnumerateArray().All(_items.Accepts);
    }
}
