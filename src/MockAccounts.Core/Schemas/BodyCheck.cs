using System.Globalization;
using System.Numerics;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Newtonsoft.Json.Linq;
using NJsonSchema.Validation;
using NJsonSchema.Validation.FormatValidators;

namespace MockAccounts.Core.Schemas;

/// <summary>
/// A yes/no check of a JSON body against a schema, for the serving path: one pass of a <see cref="Utf8JsonReader"/>
/// over schema and body together, no document. It answers as NJsonSchema (the reference validator) would, and
/// "yes" only when it is sure: whenever it is not (an unusual number, a value the two readings of the spec may
/// disagree on, a schema outside what it reads) the caller asks NJsonSchema, which also describes the violations.
/// So a "yes" must never be wrong; a "no" may be, and only costs time. <c>oneOf</c> and <c>not</c> turn a
/// branch's "no" into a "yes", so inside, a verdict is three-valued: yes, no, or unsure.
/// A differential test holds it to NJsonSchema's verdict over every scenario's bodies and their mutations.
/// </summary>
internal sealed class BodyCheck
{
    // Quick forms of the formats generated bodies carry, each a subset of what NJsonSchema's own check accepts (a
    // text they refuse is then given to that check): no string to allocate for a date, an identifier or an address.
    private static readonly Regex DateTime = new(@"^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]{1,7})?(Z|[+-][0-9]{2}:[0-9]{2})$", RegexOptions.CultureInvariant);
    private static readonly Regex Uuid = new("^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$", RegexOptions.CultureInvariant);
    private static readonly Regex Email = new(@"^[A-Za-z0-9_%+-]+(\.[A-Za-z0-9_%+-]+)*@([A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?\.)+[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?$", RegexOptions.CultureInvariant);

    /// <summary>NJsonSchema's own format checks, by format: a format it does not check is not checked here either.</summary>
    private static readonly Dictionary<string, IFormatValidator[]> FormatChecks = new JsonSchemaValidatorSettings().FormatValidators
        .GroupBy(v => v.Format, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToArray(), StringComparer.Ordinal);

    /// <summary>The most property names of one object whose repetition is looked for (see <see cref="NoRepeatedNames"/>).</summary>
    private const int MaxScannedNames = 32;

    private SchemaTypes _types;
    private string? _format;
    private IFormatValidator[]? _formatChecks;
    private Regex? _pattern;
    private decimal? _minimum;
    private decimal? _maximum;
    private bool _minimumExclusive;
    private bool _maximumExclusive;
    private decimal? _exclusiveMinimum;
    private decimal? _exclusiveMaximum;
    private decimal? _multipleOf;
    private int? _minLength;
    private int? _maxLength;
    private int? _minItems;
    private int? _maxItems;
    private bool _uniqueItems;
    private int? _minProperties;
    private int? _maxProperties;
    private HashSet<string>? _enumStrings;
    private byte[][]? _enumOthers;

    /// <summary>The enum's entries other than strings are all null (DRF's <c>NullEnum</c>), so a string outside its strings is surely out.</summary>
    private bool _enumTextless;
    private Dictionary<string, Member>.AlternateLookup<ReadOnlySpan<char>> _members = NoMembers;
    private ulong _requiredBits;
    private bool _additionalForbidden;
    private BodyCheck? _additional;
    private BodyCheck? _items;
    private BodyCheck[]? _allOf;
    private BodyCheck[]? _anyOf;
    private BodyCheck[]? _oneOf;
    private BodyCheck? _not;

    /// <summary>NJsonSchema lets null through this schema (a null property value is then not checked at all).</summary>
    private bool _nullable;

    /// <summary>Only allOf, anyOf, oneOf or not: nothing of its own to check.</summary>
    private bool _onlyComposed;

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

    /// <summary>What NJsonSchema would say of a value. "No" assumes the value names no property twice (see <see cref="NoRepeatedNames"/>).</summary>
    private enum Verdict : byte
    {
        Yes,
        No,
        Unsure,
    }

    /// <summary>Compiles <paramref name="schema"/>; <paramref name="resolve"/> follows a <c>$ref</c> (cycles are fine).</summary>
    /// <returns>Null when the schema uses anything this check does not read: the caller then relies on NJsonSchema alone.</returns>
    public static BodyCheck? Compile(JsonNode schema, Func<string, JsonNode?> resolve) => new Builder(resolve).Compile(schema, out _);

    /// <summary>A schema's pattern with <see cref="PatternTimeout"/> (the backtracking engine: a contract's patterns are few and simple, and its instances are cheap to hold).</summary>
    private static Regex Pattern(string pattern)
    {
        try
        {
            return new(pattern, RegexOptions.CultureInvariant, PatternTimeout);
        }
        catch (ArgumentException)
        {
            throw new NotSupportedException($"pattern '{pattern}', which .NET cannot read");
        }
    }

    /// <summary>True only when the body is JSON that keeps the schema.</summary>
    /// <exception cref="RegexMatchTimeoutException">A <c>pattern</c> ran longer than <see cref="PatternTimeout"/> on a value: there is no verdict.</exception>
    /// <param name="body">The body as UTF-8 JSON.</param>
    public bool Accepts(ReadOnlySpan<byte> body)
    {
        try
        {
            // One pass over the tokens, no document: the reader proves the syntax while the schema is checked.
            var reader = new Utf8JsonReader(body);
            return reader.Read() && Evaluate(ref reader) == Verdict.Yes && !reader.Read();
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            // Not JSON, or text .NET will not unescape (a lone surrogate, invalid UTF-8) that Newtonsoft may read: NJsonSchema decides.
            return false;
        }
    }

    /// <summary>
    /// Compiles the body schemas of one document for one side of the exchange, sharing the checks of the components they
    /// refer to (a spec of 1,000 operations refers to the same few many times).
    /// </summary>
    /// <param name="resolve">Follows a <c>$ref</c>.</param>
    /// <param name="notRequired">
    /// Whether a property's schema makes it not required on this side (a published spec's <c>readOnly</c> in a request,
    /// <c>writeOnly</c> in a response), as the validators of that side read <c>required</c>; null: required as written.
    /// </param>
    internal sealed class Builder(Func<string, JsonNode?> resolve, Func<JsonNode?, bool>? notRequired = null)
    {
        private readonly Dictionary<string, BodyCheck> _compiled = new(StringComparer.Ordinal);
        private readonly List<string> _added = [];

        /// <summary>The check of <paramref name="schema"/>, or null (and what it does not read) when there is none.</summary>
        public BodyCheck? Compile(JsonNode schema, out string? unsupported)
        {
            _added.Clear();
            try
            {
                unsupported = null;
                return Node(schema);
            }
            catch (NotSupportedException e)
            {
                // A component compiled on the way may refer to the one that failed: none of them is kept.
                foreach (var name in _added)
                {
                    _compiled.Remove(name);
                }

                unsupported = e.Message;
                return null;
            }
        }

        internal Func<string, JsonNode?> Resolve => resolve;

        internal bool NotRequired(JsonNode? property) => notRequired?.Invoke(property) == true;

        internal BodyCheck Node(JsonNode? node)
        {
            if (node is not JsonObject obj)
            {
                throw new NotSupportedException("a schema that is not an object");
            }

            if (obj["$ref"] is not JsonValue reference)
            {
                var check = new BodyCheck();
                check.Fill(obj, this);
                return check;
            }

            if (obj.FirstOrDefault(p => p.Key != "$ref" && !NJsonSchemaReading.IsAnnotation(p.Key)).Key is { } beside)
            {
                throw new NotSupportedException($"'{beside}' beside a $ref");
            }

            var name = reference.ToString();
            if (_compiled.TryGetValue(name, out var known))
            {
                return known;
            }

            var target = new BodyCheck();
            _compiled[name] = target;
            _added.Add(name);
            target.Fill(resolve(name) as JsonObject ?? throw new NotSupportedException($"'{name}', a $ref that does not resolve to a schema object"), this);
            return target;
        }
    }

    private void Fill(JsonObject obj, Builder builder)
    {
        if (NJsonSchemaReading.ReferencedPart(obj, builder.Resolve) is not null
            && obj.FirstOrDefault(p => p.Key is not ("allOf" or "oneOf" or "anyOf") && !NJsonSchemaReading.IsAnnotation(p.Key)).Key is { } ignored)
        {
            throw new NotSupportedException($"'{ignored}' beside a single reference, which NJsonSchema reads as the reference alone");
        }

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
                    _format = value is JsonValue named && named.TryGetValue<string>(out var format) ? format : throw new NotSupportedException("a format that is not a string");
                    _formatChecks = FormatChecks.GetValueOrDefault(_format);
                    if (_formatChecks is null)
                    {
                        // NJsonSchema checks no such format (int32, password, a vendor's own): neither does this.
                        _format = null;
                    }

                    break;
                case "pattern":
                    _pattern = Pattern(Text(value, key));
                    break;
                case "minimum":
                    _minimum = Number(value, key);
                    break;
                case "maximum":
                    _maximum = Number(value, key);
                    break;
                case "exclusiveMinimum" when value is JsonValue lower && lower.TryGetValue<bool>(out var exclusive):
                    _minimumExclusive = exclusive;
                    break;
                case "exclusiveMinimum":
                    _exclusiveMinimum = Number(value, key);
                    break;
                case "exclusiveMaximum" when value is JsonValue upper && upper.TryGetValue<bool>(out var exclusive):
                    _maximumExclusive = exclusive;
                    break;
                case "exclusiveMaximum":
                    _exclusiveMaximum = Number(value, key);
                    break;
                case "multipleOf":
                    _multipleOf = Number(value, key) is > 0 and var step ? step : throw new NotSupportedException("multipleOf that is not above 0");
                    break;
                case "minLength":
                    _minLength = Count(value, key);
                    break;
                case "maxLength":
                    _maxLength = Count(value, key);
                    break;
                case "minItems":
                    _minItems = Count(value, key);
                    break;
                case "maxItems":
                    _maxItems = Count(value, key);
                    break;
                case "minProperties":
                    _minProperties = Count(value, key);
                    break;
                case "maxProperties":
                    _maxProperties = Count(value, key);
                    break;
                case "uniqueItems":
                    _uniqueItems = value is JsonValue unique && unique.TryGetValue<bool>(out var isUnique) ? isUnique : throw new NotSupportedException("uniqueItems that is not a boolean");
                    break;
                case "enum":
                    Enum(value as JsonArray ?? throw new NotSupportedException("an enum that is not an array"));
                    break;
                case "properties":
                    properties = (value as JsonObject ?? throw new NotSupportedException("properties that are not an object"))
                        .ToDictionary(p => p.Key, p => builder.Node(p.Value), StringComparer.Ordinal);
                    break;
                case "required":
                    required = (value as JsonArray ?? throw new NotSupportedException("required that is not an array")).Select(r => Text(r, key)).ToArray();
                    break;
                case "additionalProperties":
                    if (value is JsonValue flag && flag.TryGetValue<bool>(out var allowed))
                    {
                        _additionalForbidden = !allowed;
                    }
                    else
                    {
                        _additional = builder.Node(value);
                    }

                    break;
                case "items":
                    _items = builder.Node(value);
                    break;
                case "allOf":
                    _allOf = Schemas(value, key, builder);
                    break;
                case "anyOf":
                    _anyOf = Schemas(value, key, builder);
                    break;
                case "oneOf":
                    _oneOf = Schemas(value, key, builder);
                    break;
                case "not":
                    _not = builder.Node(value);
                    break;
                case var annotation when NJsonSchemaReading.IsAnnotation(annotation) || NJsonSchemaReading.IsUnread(annotation):
                    break;
                default:
                    throw new NotSupportedException($"keyword '{key}'");
            }
        }

        if (obj["properties"] is JsonObject declared)
        {
            // The side's validators no longer require what the other side alone sends (readOnly, writeOnly).
            required = required.Where(name => !builder.NotRequired(declared[name])).ToArray();
        }

        IndexMembers(properties, required);
        _nullable = NJsonSchemaReading.IsNullable(obj, builder.Resolve);
        _onlyComposed = (_allOf is not null || _anyOf is not null || _oneOf is not null || _not is not null)
            && obj.All(p => p.Key is "allOf" or "anyOf" or "oneOf" or "not" || NJsonSchemaReading.IsAnnotation(p.Key) || NJsonSchemaReading.IsUnread(p.Key));
    }

    private static BodyCheck[] Schemas(JsonNode? value, string keyword, Builder builder) =>
        value is JsonArray { Count: > 0 } list ? list.Select(builder.Node).ToArray() : throw new NotSupportedException($"{keyword} that is not a list of schemas");

    private static string Text(JsonNode? value, string keyword) =>
        value is JsonValue v && v.TryGetValue<string>(out var text) ? text : throw new NotSupportedException($"{keyword} that is not text");

    /// <summary>A number as the document holds it (JSON, or YAML read into decimals).</summary>
    private static decimal Number(JsonNode? value, string keyword)
    {
        if (value is JsonValue v && v.GetValueKind() == JsonValueKind.Number)
        {
            if (v.TryGetValue<decimal>(out var number))
            {
                return number;
            }

            if (decimal.TryParse(v.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out number))
            {
                return number;
            }
        }

        throw new NotSupportedException($"{keyword} that is not a number this check reads");
    }

    private static int Count(JsonNode? value, string keyword) =>
        Number(value, keyword) is var number && number == decimal.Truncate(number) && number is >= 0 and <= int.MaxValue
            ? (int)number
            : throw new NotSupportedException($"{keyword} that is not a count");

    private void Enum(JsonArray values)
    {
        if (values.Count == 0)
        {
            throw new NotSupportedException("an empty enum (NJsonSchema checks none)");
        }

        _enumStrings = values.Where(v => v?.GetValueKind() == JsonValueKind.String).Select(v => v!.GetValue<string>()).ToHashSet(StringComparer.Ordinal);
        var others = values.Where(v => v?.GetValueKind() != JsonValueKind.String)
            .Select(v => JsonDocument.Parse(v?.ToJsonString() ?? "null").RootElement.Clone()).ToArray();
        if (others.Any(e => e.ValueKind is JsonValueKind.Object or JsonValueKind.Array))
        {
            throw new NotSupportedException("an enum of objects or arrays");
        }

        _enumOthers = others.Select(e => Encoding.UTF8.GetBytes(e.GetRawText())).ToArray();

        // A null entry's text is null to NJsonSchema and no value's text is: it lets only null in (through nullability).
        _enumTextless = others.All(e => e.ValueKind == JsonValueKind.Null);
    }

    /// <summary>
    /// One table for a property's name: its schema and its bit in the object's seen set (the required ones first, up to
    /// 64), so an object is checked in one pass over its properties; <see cref="_requiredBits"/> are those to be seen.
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
        var next = 0;
        foreach (var name in required)
        {
            var bit = 1UL << next++;
            members[name] = new Member(properties?.GetValueOrDefault(name), bit);
            _requiredBits |= bit;
        }

        foreach (var (name, check) in properties ?? [])
        {
            if (!members.ContainsKey(name))
            {
                members[name] = new Member(check, next < 64 ? 1UL << next++ : 0);
            }
        }

        _members = members.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    private static SchemaTypes Types(JsonNode? type)
    {
        var names = type switch
        {
            JsonArray { Count: > 0 } array => array.Select(t => Text(t, "type")),
            JsonValue => [Text(type, "type")],
            _ => throw new NotSupportedException("a type that is neither a name nor a list of names"),
        };
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
    /// Checks the value whose first token the reader is on and, on "yes", leaves the reader on its last token. Otherwise
    /// the reader may be anywhere: the caller stops reading (or reads on from a copy it kept).
    /// </summary>
    private Verdict Evaluate(ref Utf8JsonReader reader)
    {
        if (_allOf is null && _anyOf is null && _oneOf is null && _not is null)
        {
            return Own(ref reader);
        }

        // Each composed schema reads the value from a copy of the reader; the schema's own keywords read it last.
        var start = reader;
        var composed = Composed(start, ref reader, out var consumed);
        if (composed == Verdict.No)
        {
            return Verdict.No;
        }

        if (_onlyComposed)
        {
            if (!consumed)
            {
                reader.Skip();
            }

            return composed;
        }

        reader = start;
        var own = Own(ref reader);
        return own != Verdict.Yes ? own : composed;
    }

    /// <summary>allOf, anyOf, oneOf and not on the value at <paramref name="start"/>; <paramref name="end"/> becomes the state after a "yes" branch when there is one.</summary>
    private Verdict Composed(Utf8JsonReader start, ref Utf8JsonReader end, out bool consumed)
    {
        consumed = false;
        var result = Verdict.Yes;
        foreach (var part in _allOf ?? [])
        {
            var reader = start;
            switch (part.Evaluate(ref reader))
            {
                case Verdict.No:
                    return Verdict.No;
                case Verdict.Unsure:
                    result = Verdict.Unsure;
                    break;
                default:
                    end = reader;
                    consumed = true;
                    break;
            }
        }

        if (_anyOf is not null)
        {
            var any = Verdict.No;
            foreach (var part in _anyOf)
            {
                var reader = start;
                var verdict = part.Evaluate(ref reader);
                if (verdict == Verdict.Yes)
                {
                    end = reader;
                    consumed = true;
                    any = Verdict.Yes;
                    break;
                }

                any = verdict == Verdict.Unsure ? Verdict.Unsure : any;
            }

            if (any == Verdict.No)
            {
                return Verdict.No;
            }

            result = any == Verdict.Unsure ? Verdict.Unsure : result;
        }

        if (_oneOf is not null)
        {
            var (yes, unsure) = (0, 0);
            foreach (var part in _oneOf)
            {
                var reader = start;
                switch (part.Evaluate(ref reader))
                {
                    case Verdict.Yes:
                        end = reader;
                        consumed = true;
                        yes++;
                        break;
                    case Verdict.Unsure:
                        unsure++;
                        break;
                }
            }

            if (yes > 1 || (yes == 0 && unsure == 0))
            {
                return Verdict.No;
            }

            // Exactly one "yes" stands only if every other branch's "no" does.
            result = yes == 1 && unsure == 0 && NoRepeatedNames(start) ? result : Verdict.Unsure;
        }

        if (_not is not null)
        {
            var reader = start;
            switch (_not.Evaluate(ref reader))
            {
                case Verdict.Yes:
                    return Verdict.No;
                case Verdict.No when NoRepeatedNames(start):
                    break;
                default:
                    result = Verdict.Unsure;
                    break;
            }
        }

        return result;
    }

    /// <summary>The schema's own keywords (everything but allOf, anyOf, oneOf and not).</summary>
    private Verdict Own(ref Utf8JsonReader reader)
    {
        var token = reader.TokenType;
        if (token != JsonTokenType.Null || !_nullable)
        {
            // NJsonSchema checks neither type nor enum of a null it takes the schema to allow.
            if (!TypeAllows(ref reader))
            {
                return Verdict.No;
            }

            if (_enumStrings is not null && InEnum(ref reader) is var listed and not Verdict.Yes)
            {
                return listed;
            }
        }

        if (token != JsonTokenType.StartObject && _requiredBits != 0 && (_types & SchemaTypes.Null) == 0)
        {
            // NJsonSchema asks a value that is not an object for the required properties too (unless the type allows null).
            return Verdict.No;
        }

        return token switch
        {
            JsonTokenType.String => StringVerdict(ref reader),
            JsonTokenType.Number => NumberVerdict(ref reader),
            JsonTokenType.StartObject => ObjectVerdict(ref reader),
            JsonTokenType.StartArray => ArrayVerdict(ref reader),
            _ => Verdict.Yes,
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

    /// <summary>
    /// NJsonSchema compares an enum's values as text (<c>ToString()</c>), so a string and a number may meet: only a string
    /// outside an enum of strings is surely out; numbers and literals are compared as written and, when not found, unsure.
    /// </summary>
    private Verdict InEnum(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            return _enumStrings!.Contains(reader.GetString()!) ? Verdict.Yes : _enumTextless ? Verdict.No : Verdict.Unsure;
        }

        if (reader.TokenType is not (JsonTokenType.StartObject or JsonTokenType.StartArray))
        {
            foreach (var other in _enumOthers!)
            {
                if (reader.ValueSpan.SequenceEqual(other))
                {
                    return Verdict.Yes;
                }
            }
        }

        // Against only null entries, no value's text can match (null itself passes as nullable before this).
        return _enumTextless && _enumStrings!.Count == 0 && reader.TokenType != JsonTokenType.Null ? Verdict.No : Verdict.Unsure;
    }

    private Verdict StringVerdict(ref Utf8JsonReader reader)
    {
        if (_minLength is null && _maxLength is null && _pattern is null && _format is null)
        {
            return Verdict.Yes;
        }

        // Unescaping never makes more UTF-16 units than the token has UTF-8 bytes.
        var length = reader.ValueSpan.Length;
        var text = length <= 256 ? stackalloc char[256] : new char[length];
        text = text[..reader.CopyString(text)];
        // NJsonSchema 10.7.2 counts a string's length in UTF-16 units (string.Length), as this does.
        if (text.Length < (_minLength ?? 0) || text.Length > (_maxLength ?? int.MaxValue))
        {
            return Verdict.No;
        }

        if (_pattern is not null && !_pattern.IsMatch(text))
        {
            return Verdict.No;
        }

        return _format is null || FormatKept(text) ? Verdict.Yes : Verdict.No;
    }

    /// <summary>The quick form when it accepts the text; else NJsonSchema's own check of the format decides.</summary>
    private bool FormatKept(ReadOnlySpan<char> text)
    {
        var quick = _format switch
        {
            "date-time" => DateTime.IsMatch(text) && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out _),
            "uuid" or "guid" => Uuid.IsMatch(text),
            "email" => Email.IsMatch(text),
            _ => false,
        };
        if (quick)
        {
            return true;
        }

        var value = text.ToString();
        foreach (var check in _formatChecks!)
        {
            if (check.IsValid(value, JTokenType.String))
            {
                return true;
            }
        }

        return false;
    }

    private Verdict NumberVerdict(ref Utf8JsonReader reader)
    {
        if (_minimum is null && _maximum is null && _exclusiveMinimum is null && _exclusiveMaximum is null && _multipleOf is null)
        {
            return Verdict.Yes;
        }

        // NJsonSchema compares a fraction as Newtonsoft's double made decimal (15 significant digits): only numbers
        // that survive that unchanged are compared here.
        var written = reader.ValueSpan;
        var exact = IsInteger(written) ? written.Length <= 18 : written.Length <= 16 && written.IndexOfAny("eE"u8) < 0;
        if (!exact || !reader.TryGetDecimal(out var number))
        {
            return Verdict.Unsure;
        }

        var kept = (_minimum is not { } min || (_minimumExclusive ? number > min : number >= min))
            && (_maximum is not { } max || (_maximumExclusive ? number < max : number <= max))
            && (_exclusiveMinimum is not { } above || number > above)
            && (_exclusiveMaximum is not { } below || number < below)
            && (_multipleOf is not { } step || number % step == 0);
        return kept ? Verdict.Yes : Verdict.No;
    }

    private Verdict ObjectVerdict(ref Utf8JsonReader reader)
    {
        var (seen, names, unnumbered) = (0UL, 0, 0);
        Span<char> name = stackalloc char[128];
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var length = reader.ValueSpan.Length;
            var written = length <= name.Length ? reader.CopyString(name) : -1;
            var found = default(Member);
            _ = written >= 0
                ? _members.TryGetValue(name[..written], out found)
                : _members.Dictionary.TryGetValue(reader.GetString()!, out found);
            seen |= found.Bit;
            names++;
            unnumbered += found.Bit == 0 ? 1 : 0;
            reader.Read();
            Verdict verdict;
            if (found.Check is { } check)
            {
                // NJsonSchema does not check a null it takes the property's schema to allow.
                verdict = reader.TokenType == JsonTokenType.Null && check._nullable ? Verdict.Yes : check.Evaluate(ref reader);
            }
            else if (_additionalForbidden)
            {
                return Verdict.No;
            }
            else if (_additional is not null)
            {
                verdict = _additional.Evaluate(ref reader);
            }
            else
            {
                reader.Skip();
                verdict = Verdict.Yes;
            }

            if (verdict != Verdict.Yes)
            {
                return verdict;
            }
        }

        if ((seen & _requiredBits) != _requiredBits)
        {
            return Verdict.No;
        }

        if (_minProperties is null && _maxProperties is null)
        {
            return Verdict.Yes;
        }

        // NJsonSchema counts distinct names (a name given twice counts once): numbered names count exactly, the rest at least once.
        var distinct = BitOperations.PopCount(seen) + (unnumbered > 0 ? 1 : 0);
        if (_minProperties is > 0 and var fewest && distinct < fewest)
        {
            return names < fewest ? Verdict.No : Verdict.Unsure;
        }

        if (_maxProperties is > 0 and var most && names > most)
        {
            return distinct > most ? Verdict.No : Verdict.Unsure;
        }

        return Verdict.Yes;
    }

    private Verdict ArrayVerdict(ref Utf8JsonReader reader)
    {
        var count = 0;
        HashSet<string>? distinct = _uniqueItems ? new HashSet<string>(StringComparer.Ordinal) : null;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            count++;
            if (distinct is not null)
            {
                // NJsonSchema compares items as text, where 1 and "1" meet: only strings are compared here.
                if (reader.TokenType != JsonTokenType.String)
                {
                    return Verdict.Unsure;
                }

                if (!distinct.Add(reader.GetString()!))
                {
                    return Verdict.No;
                }
            }

            var verdict = _items is not null ? _items.Evaluate(ref reader) : Skip(ref reader);
            if (verdict != Verdict.Yes)
            {
                return verdict;
            }
        }

        if (count < (_minItems ?? 0))
        {
            return Verdict.No;
        }

        // NJsonSchema reads maxItems 0 as no bound; JSON Schema as "empty": unsure.
        return _maxItems is not { } most || count <= most ? Verdict.Yes : most == 0 ? Verdict.Unsure : Verdict.No;
    }

    /// <summary>Moves past a value no schema constrains; the reader still proves it well-formed.</summary>
    private static Verdict Skip(ref Utf8JsonReader reader)
    {
        reader.Skip();
        return Verdict.Yes;
    }

    /// <summary>
    /// Whether no object in the value names a property twice. NJsonSchema (Newtonsoft) keeps a repeated name's last value
    /// while this check reads every one, so a "no" may be wrong for such a value: where a "no" would become a "yes"
    /// (the other branches of a oneOf, a not), this is asked first. A repetition it cannot rule out counts as one.
    /// </summary>
    private static bool NoRepeatedNames(Utf8JsonReader reader) => NamesOnce(ref reader);

    /// <summary>Reads the value the reader is on to its last token (or until a repetition is possible).</summary>
    private static bool NamesOnce(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.StartArray)
        {
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                if (!NamesOnce(ref reader))
                {
                    return false;
                }
            }

            return true;
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            return true;
        }

        Span<ulong> hashes = stackalloc ulong[MaxScannedNames];
        Span<byte> unescaped = stackalloc byte[128];
        var count = 0;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (count == MaxScannedNames || (reader.ValueIsEscaped && reader.ValueSpan.Length > unescaped.Length))
            {
                return false;
            }

            var hash = Fnv1a(reader.ValueIsEscaped ? unescaped[..reader.CopyString(unescaped)] : reader.ValueSpan);
            if (hashes[..count].Contains(hash))
            {
                return false;
            }

            hashes[count++] = hash;
            if (!reader.Read() || !NamesOnce(ref reader))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>FNV-1a, 64 bits: equal names hash equal; two names hashing equal only make the scan unsure.</summary>
    private static ulong Fnv1a(ReadOnlySpan<byte> bytes)
    {
        var hash = 14695981039346656037UL;
        foreach (var b in bytes)
        {
            hash = (hash ^ b) * 1099511628211UL;
        }

        return hash;
    }

    /// <summary>A declared or required property's schema (null: only required, so additionalProperties applies) and its bit among the seen (0: not counted).</summary>
    private readonly record struct Member(BodyCheck? Check, ulong Bit);
}
