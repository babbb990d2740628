using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using MockAccounts.Core.Generation;

namespace MockAccounts.Core.Schemas;

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

    /// <summary>Formats NJsonSchema does not check either (OpenAPI's numeric and opaque ones): any text keeps them.</summary>
    private static readonly HashSet<string> OpaqueFormats = new(StringComparer.Ordinal) { "int32", "int64", "float", "double", "password", "binary" };

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
    private byte[][]? _enumOthers;
    private Dictionary<string, Member>.AlternateLookup<ReadOnlySpan<char>> _members = NoMembers;
    private ulong _requiredBits;
    private bool _additionalForbidden;
    private BodyCheck? _additional;
    private BodyCheck? _items;

    /// <summary>
    /// The longest a schema's <c>pattern</c> may run on one value (it may read what a client sent): past it the check
    /// stops with a <see cref="RegexMatchTimeoutException"/>, which answers the request with a problem naming it.
    /// </summary>
    public static readonly TimeSpan PatternTimeout = TimeSpan.FromMilliseconds(100);

    private static readonly Dictionary<string, Member>.AlternateLookup<ReadOnlySpan<char>> NoMembers =
        new Dictionary<string, Member>(StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();

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

    /// <summary>A schema's pattern with <see cref="PatternTimeout"/> (the backtracking engine: a contract's patterns are few and simple, and its instances are cheap to hold).</summary>
    private static Regex Pattern(string pattern) => new(pattern, RegexOptions.CultureInvariant, PatternTimeout);

    /// <summary>True only when the body is JSON that keeps the schema.</summary>
    /// <exception cref="RegexMatchTimeoutException">A <c>pattern</c> ran longer than <see cref="PatternTimeout"/> on a value: there is no verdict.</exception>
    /// <param name="body">The body as UTF-8 JSON.</param>
    public bool Accepts(ReadOnlySpan<byte> body)
    {
        try
        {
            // One pass over the tokens, no document: the reader proves the syntax while the schema is checked.
            var reader = new Utf8JsonReader(body);
            return reader.Read() && Accepts(ref reader) && !reader.Read();
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
        Dictionary<string, BodyCheck>? properties = null;
        string[] required = [];
        foreach (var (key, value) in obj)
        {
            switch (key)
            {
                case "type":
                    _types = Types(value);
                    break;
                case "format":
                    _format = value?.ToString();
                    if (_format is not (null or "date-time" or "uuid" or "guid" or "email" or "uri") && !OpaqueFormats.Contains(_format))
                    {
                        // NJsonSchema checks formats such as date, time, byte and ipv4 (a published spec's): so must a "yes".
                        throw new NotSupportedException($"format '{_format}'");
                    }

                    break;
                case "pattern":
                    _pattern = Pattern(value!.ToString());
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
                    var others = values.Where(v => v?.GetValueKind() != JsonValueKind.String)
                        .Select(v => JsonDocument.Parse(v?.ToJsonString() ?? "null").RootElement.Clone()).ToArray();
                    if (others.Any(e => e.ValueKind is JsonValueKind.Object or JsonValueKind.Array))
                    {
                        throw new NotSupportedException("an enum of objects or arrays");
                    }

                    _enumOthers = others.Select(e => Encoding.UTF8.GetBytes(e.GetRawText())).ToArray();

                    break;
                case "properties":
                    properties = value!.AsObject().ToDictionary(p => p.Key, p => Compile(p.Value!, resolve, compiled), StringComparer.Ordinal);
                    break;
                case "required":
                    required = value!.AsArray().Select(r => r!.GetValue<string>()).ToArray();
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

        IndexMembers(properties, required);
    }

    /// <summary>
    /// One table for a property's name: its schema and, when required, its bit in <see cref="_requiredBits"/>,
    /// so an object is checked in one pass over its properties.
    /// </summary>
    private void IndexMembers(Dictionary<string, BodyCheck>? properties, string[] names)
    {
        if (properties is null && names.Length == 0)
        {
            return;
        }

        var required = names.Distinct(StringComparer.Ordinal).ToArray();
        if (required.Length > 64)
        {
            throw new NotSupportedException("more than 64 required properties");
        }

        var members = new Dictionary<string, Member>(StringComparer.Ordinal);
        foreach (var (name, check) in properties ?? [])
        {
            members[name] = new Member(check, 0);
        }

        for (var i = 0; i < required.Length; i++)
        {
            var bit = 1UL << i;
            members[required[i]] = members.TryGetValue(required[i], out var known) ? known with { RequiredBit = bit } : new Member(null, bit);
            _requiredBits |= bit;
        }

        _members = members.GetAlternateLookup<ReadOnlySpan<char>>();
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

    /// <summary>
    /// Checks the value whose first token the reader is on, and leaves the reader on its last token. A "no"
    /// may leave the reader anywhere: the caller stops reading.
    /// </summary>
    private bool Accepts(ref Utf8JsonReader reader)
    {
        var token = reader.TokenType;
        if (!TypeAllows(ref reader) || (_enumStrings is not null && !InEnum(ref reader)))
        {
            return false;
        }

        return token switch
        {
            JsonTokenType.String => StringAccepted(ref reader),
            JsonTokenType.Number => NumberAccepted(ref reader),
            JsonTokenType.StartObject => ObjectAccepted(ref reader),
            JsonTokenType.StartArray => ArrayAccepted(ref reader),
            _ => true,
        };
    }

    private bool TypeAllows(ref Utf8JsonReader reader) => _types == SchemaTypes.None || reader.TokenType switch
    {
        JsonTokenType.Null => (_types & SchemaTypes.Null) != 0,
        JsonTokenType.True or JsonTokenType.False => (_types & SchemaTypes.Boolean) != 0,
        JsonTokenType.String => (_types & SchemaTypes.String) != 0,
        JsonTokenType.StartObject => (_types & SchemaTypes.Object) != 0,
        JsonTokenType.StartArray => (_types & SchemaTypes.Array) != 0,
        JsonTokenType.Number => (_types & SchemaTypes.Number) != 0 || ((_types & SchemaTypes.Integer) != 0 && IsInteger(reader.ValueSpan)),
        _ => false,
    };

    /// <summary>An integer as NJsonSchema (Newtonsoft) reads one: written without a fraction or exponent.</summary>
    private static bool IsInteger(ReadOnlySpan<byte> number) => number.IndexOfAny("."u8 + "eE"u8) < 0;

    private bool InEnum(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            return _enumStrings!.Contains(reader.GetString()!);
        }

        // Numbers and literals are compared as written, as JsonElement.GetRawText did; objects and arrays are never in a compiled enum.
        if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
        {
            return false;
        }

        foreach (var other in _enumOthers!)
        {
            if (reader.ValueSpan.SequenceEqual(other))
            {
                return true;
            }
        }

        return false;
    }

    private bool StringAccepted(ref Utf8JsonReader reader)
    {
        if (_minLength is null && _maxLength is null && _pattern is null && _format is null)
        {
            return true;
        }

        // Unescaping never makes more UTF-16 units than the token has UTF-8 bytes.
        var length = reader.ValueSpan.Length;
        var text = length <= 256 ? stackalloc char[256] : new char[length];
        text = text[..reader.CopyString(text)];
        if (_minLength is not null || _maxLength is not null)
        {
            // Where UTF-16 units and text elements disagree, let NJsonSchema count; but "not empty" (minLength 1,
            // every identifier's bound) reads the same however characters are counted.
            if (!Ascii.IsValid(text) && (_maxLength is not null || _minLength > 1))
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
            "uri" => Ascii.IsValid(text) && Uri.TryCreate(text.ToString(), UriKind.Absolute, out _),
            _ => true,
        };
    }

    private bool NumberAccepted(ref Utf8JsonReader reader)
    {
        if (_minimum is null && _maximum is null)
        {
            return true;
        }

        return reader.TryGetDecimal(out var number) && number >= (_minimum ?? decimal.MinValue) && number <= (_maximum ?? decimal.MaxValue);
    }

    private bool ObjectAccepted(ref Utf8JsonReader reader)
    {
        var seen = 0UL;
        Span<char> name = stackalloc char[128];
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var length = reader.ValueSpan.Length;
            var written = length <= name.Length ? reader.CopyString(name) : -1;
            var found = default(Member);
            _ = written >= 0
                ? _members.TryGetValue(name[..written], out found)
                : _members.Dictionary.TryGetValue(reader.GetString()!, out found);
            seen |= found.RequiredBit;
            reader.Read();
            if (found.Check is { } check)
            {
                if (!check.Accepts(ref reader))
                {
                    return false;
                }
            }
            else if (_additionalForbidden || (_additional is not null ? !_additional.Accepts(ref reader) : !Skip(ref reader)))
            {
                return false;
            }
        }

        return reader.TokenType == JsonTokenType.EndObject && seen == _requiredBits;
    }

    private bool ArrayAccepted(ref Utf8JsonReader reader)
    {
        var count = 0;
        HashSet<string>? distinct = _uniqueItems ? new HashSet<string>(StringComparer.Ordinal) : null;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            count++;
            if (distinct is not null)
            {
                // Equal values may be written differently (1 and 1.0, reordered objects): only strings are compared here.
                if (reader.TokenType != JsonTokenType.String || !distinct.Add(reader.GetString()!))
                {
                    return false;
                }
            }

            if (_items is not null ? !_items.Accepts(ref reader) : !Skip(ref reader))
            {
                return false;
            }
        }

        return reader.TokenType == JsonTokenType.EndArray && count >= (_minItems ?? 0) && count <= (_maxItems ?? int.MaxValue);
    }

    /// <summary>Moves past a value no schema constrains; the reader still proves it well-formed.</summary>
    private static bool Skip(ref Utf8JsonReader reader)
    {
        reader.Skip();
        return true;
    }

    /// <summary>A declared property's schema (null: only required, so additionalProperties applies) and its bit among the required ones (0: optional).</summary>
    private readonly record struct Member(BodyCheck? Check, ulong RequiredBit);
}
