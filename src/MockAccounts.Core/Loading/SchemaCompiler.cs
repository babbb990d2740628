using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using MockAccounts.Core.Generation;
using MockAccounts.Core.Json;
using MockAccounts.Core.Schemas;
using NJsonSchema;

namespace MockAccounts.Core.Loading;

/// <summary>
/// Turns an OpenAPI document's JSON Schemas into <see cref="SchemaNode"/>s for generation and into
/// NJsonSchema validators. Our own dialect is a closed keyword set: anything else is refused rather than
/// ignored. A published spec (already normalised by <see cref="PublishedSpecNormalizer"/>) is read with
/// every keyword generation can honour; what it cannot was warned about by the normaliser.
/// </summary>
internal sealed class SchemaCompiler
{
    private const string ComponentPrefix = "#/components/schemas/";

    private static readonly HashSet<string> Supported = new(StringComparer.Ordinal)
    {
        "type", "properties", "required", "additionalProperties", "items", "enum", "format", "pattern",
        "minimum", "maximum", "minLength", "maxLength", "minItems", "maxItems", "uniqueItems", "$ref",
        "description", "deprecated", "title", "examples", "example", "readOnly", "writeOnly", "x-mock",
    };

    private static readonly Regex DateTimeText = new(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$", RegexOptions.CultureInvariant);
    private static readonly Regex DateText = new(@"^\d{4}-\d{2}-\d{2}$", RegexOptions.CultureInvariant);
    private static readonly Regex UuidText = new("^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$", RegexOptions.CultureInvariant);
    private static readonly Regex EmailText = new(@"^[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$", RegexOptions.CultureInvariant);

    private static readonly Dictionary<string, SchemaTypes> TypeNames = Enum.GetValues<SchemaTypes>()
        .Where(t => t != SchemaTypes.None)
        .ToDictionary(t => t.ToString().ToLowerInvariant(), StringComparer.Ordinal);

    private readonly JsonObject _document;
    private readonly Action<string, string> _fail;
    private readonly bool _published;
    private readonly Dictionary<string, SchemaNode> _components = new(StringComparer.Ordinal);
    private readonly HashSet<SchemaNode> _filling = [];
    private readonly List<JsonNode> _responseBodies = [];
    private readonly List<JsonNode> _requestBodies = [];
    private readonly Lazy<IReadOnlyDictionary<JsonNode, JsonSchema>> _responseValidators;
    private readonly Lazy<IReadOnlyDictionary<JsonNode, JsonSchema>> _requestValidators;
    private Schemas.BodyCheck.Builder? _responseChecks;
    private Schemas.BodyCheck.Builder? _requestChecks;

    /// <param name="document">The OpenAPI document (for a published spec, its normalised form).</param>
    /// <param name="fail">Reports an error at a JSON pointer.</param>
    /// <param name="published">Read a published spec's schemas (every keyword generation honours) instead of our closed dialect.</param>
    public SchemaCompiler(JsonObject document, Action<string, string> fail, bool published = false)
    {
        _document = document;
        _fail = fail;
        _published = published;
        // Without readOnly/writeOnly both sides read required as written: one batch serves both.
        var views = published && HasSidedProperties(document);
        _responseValidators = new(() => ValidatorBatch.CompileAsync(_document, views ? _responseBodies : [.. _responseBodies, .. _requestBodies], views ? SchemaView.Response : SchemaView.AsWritten).GetAwaiter().GetResult());
        _requestValidators = views
            ? new(() => ValidatorBatch.CompileAsync(_document, _requestBodies, SchemaView.Request).GetAwaiter().GetResult())
            : _responseValidators;
    }

    public SchemaNode Compile(JsonNode? schema, string location)
    {
        if (schema is JsonValue flag && flag.TryGetValue<bool>(out var any) && _published)
        {
            return any ? new SchemaNode { Source = location } : new SchemaNode { Source = location, Impossible = "the schema is false: no value keeps it" };
        }

        if (schema is not JsonObject obj)
        {
            _fail(location, "expected a schema object");
            return new SchemaNode { Source = location };
        }

        if (obj["$ref"] is JsonNode reference)
        {
            return Reference(reference.ToString(), JsonPointer.Append(location, "$ref"));
        }

        var node = new SchemaNode { Source = location };
        if (_published)
        {
            FillPublished(node, obj, location);
        }
        else
        {
            Fill(node, obj, location);
        }

        return node;
    }

    /// <summary>
    /// An NJsonSchema validator for <paramref name="schema"/> (component refs rewritten to <c>definitions</c>),
    /// compiled on first use: a start whose proof is cached never loads NJsonSchema, and the serving path
    /// asks for it only to describe a body its quick check refused. A proof forces it during the load, so a
    /// schema NJsonSchema cannot use is still reported there, at its location.
    /// </summary>
    /// <param name="schema">The body schema, as the document writes it.</param>
    /// <param name="location">Where it is, for errors.</param>
    /// <param name="request">Whether it checks request bodies (else response bodies).</param>
    public Lazy<JsonSchema?> Validator(JsonNode schema, string location, bool request = false)
    {
        (request ? _requestBodies : _responseBodies).Add(schema);
        var view = !_published ? SchemaView.AsWritten : request ? SchemaView.Request : SchemaView.Response;
        return new(() => CompileValidator(schema, location, request ? _requestValidators : _responseValidators, view));
    }

    private JsonSchema? CompileValidator(JsonNode schema, string location, Lazy<IReadOnlyDictionary<JsonNode, JsonSchema>> batch, SchemaView view)
    {
        // NJsonSchema parses only asynchronously; with every reference inside the document its parse never
        // waits on I/O, and the pipeline that may ask for a validator mid-request is synchronous by design.
        if (batch.Value.TryGetValue(schema, out var compiled))
        {
            return compiled;
        }

        var root = Rewrite(schema.DeepClone(), view);
        if (root is JsonObject obj && _document["components"]?["schemas"] is JsonObject components)
        {
            obj["definitions"] = Rewrite(components.DeepClone(), view);
        }

        try
        {
            return JsonSchema.FromJsonAsync(root!.ToJsonString()).GetAwaiter().GetResult();
        }
        catch (Exception e) when (e is InvalidOperationException or Newtonsoft.Json.JsonException or NotSupportedException)
        {
            _fail(location, $"the schema cannot be used for validation: {e.Message}");
            return null;
        }
    }

    /// <summary>The serving path's quick check of bodies against <paramref name="schema"/>, or null when it cannot express it.</summary>
    /// <param name="schema">The body schema, as the document writes it.</param>
    /// <param name="request">Whether it checks request bodies (else response bodies): a published spec's readOnly and writeOnly say which properties are required.</param>
    public Schemas.BodyCheck? Check(JsonNode schema, bool request = false) => Check(schema, request, out _);

    /// <summary>As <see cref="Check(JsonNode, bool)"/>, saying what the quick check does not read when there is none.</summary>
    internal Schemas.BodyCheck? Check(JsonNode schema, bool request, out string? unsupported)
    {
        // As the validators of that side read required (Rewrite): the other side's properties are not required.
        var view = !_published ? SchemaView.AsWritten : request ? SchemaView.Request : SchemaView.Response;
        var builder = view switch
        {
            SchemaView.Request => _requestChecks ??= new(ResolveLocal, property => Sided(property) == "readOnly"),
            SchemaView.Response => _responseChecks ??= new(ResolveLocal, property => Sided(property) == "writeOnly"),
            _ => _responseChecks ??= new(ResolveLocal),
        };
        return builder.Compile(schema, out unsupported);
    }

    private JsonNode? ResolveLocal(string reference) => reference.StartsWith("#/", StringComparison.Ordinal) ? Lookup(reference[1..]) : null;

    /// <summary>Follows <c>$ref</c>s to <c>#/...</c> for responses, request bodies, parameters and headers.</summary>
    public JsonNode? Resolve(JsonNode? node)
    {
        for (var hops = 0; hops < 16 && node?["$ref"] is JsonValue reference && reference.ToString().StartsWith("#/", StringComparison.Ordinal); hops++)
        {
            node = Lookup(reference.ToString()[1..]);
        }

        return node;
    }

    /// <summary>The raw JSON at a pointer into the document (for response and body refs).</summary>
    private JsonNode? Lookup(string pointer)
    {
        JsonNode? node = _document;
        foreach (var segment in JsonPointer.Split(pointer))
        {
            node = node switch
            {
                JsonObject obj => obj[segment],
                JsonArray array when int.TryParse(segment, NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i < array.Count => array[i],
                _ => null,
            };
        }

        return node;
    }

    private SchemaNode Reference(string reference, string location)
    {
        if (!reference.StartsWith(ComponentPrefix, StringComparison.Ordinal))
        {
            _fail(location, $"'{reference}' is not supported (expected a reference to {ComponentPrefix}<name>)");
            return new SchemaNode { Source = location };
        }

        var name = reference[ComponentPrefix.Length..];
        if (_components.TryGetValue(name, out var known))
        {
            return known;
        }

        var source = "/components/schemas/" + name;
        var node = new SchemaNode { Source = source };
        _components[name] = node;
        var target = _document["components"]?["schemas"]?[name];
        if (target is JsonObject found)
        {
            _filling.Add(node);
            if (_published)
            {
                if (found["$ref"] is JsonNode alias)
                {
                    MergeInto(node, Reference(alias.ToString(), JsonPointer.Append(source, "$ref")), source);
                }
                else
                {
                    FillPublished(node, found, source);
                }
            }
            else
            {
                Fill(node, found, source);
            }

            _filling.Remove(node);
        }
        else if (_published && target is JsonValue flag && flag.TryGetValue<bool>(out var any))
        {
            node.Impossible = any ? null : "the schema is false: no value keeps it";
        }
        else
        {
            _fail(location, $"'{reference}' does not resolve (no schema '{name}' in components.schemas)");
        }

        return node;
    }

    private void Fill(SchemaNode node, JsonObject obj, string location)
    {
        foreach (var key in obj.Select(p => p.Key).Where(k => !Supported.Contains(k)))
        {
            _fail(JsonPointer.Append(location, key), $"keyword '{key}' is not supported (see docs/contract-format.md)");
        }

        node.Types = Types(obj["type"], JsonPointer.Append(location, "type"));
        node.Format = obj["format"]?.GetValue<string>();
        node.Enum = obj["enum"] is JsonArray values ? values.Select(v => v?.DeepClone()).ToArray() : null;
        node.Minimum = Decimal(obj["minimum"]);
        node.Maximum = Decimal(obj["maximum"]);
        node.MinLength = (int?)Decimal(obj["minLength"]);
        node.MaxLength = (int?)Decimal(obj["maxLength"]);
        node.MaxItems = (int?)Decimal(obj["maxItems"]);
        node.Required = (obj["required"] as JsonArray ?? []).Select(r => r?.ToString() ?? "").ToHashSet(StringComparer.Ordinal);
        if (obj["pattern"] is JsonValue pattern && pattern.TryGetValue<string>(out var regex))
        {
            try
            {
                node.Pattern = new Regex(regex, RegexOptions.CultureInvariant);
            }
            catch (ArgumentException e)
            {
                _fail(JsonPointer.Append(location, "pattern"), $"'{regex}' is not a regular expression: {e.Message}");
            }
        }

        if (obj["properties"] is JsonObject properties)
        {
            foreach (var (name, child) in properties)
            {
                node.AddProperty(name, Compile(child, JsonPointer.Append(JsonPointer.Append(location, "properties"), name)));
            }
        }

        foreach (var required in (obj["required"] as JsonArray ?? []).Select(r => r?.ToString() ?? ""))
        {
            if (node.Property(required) is null)
            {
                _fail(JsonPointer.Append(location, "required"), $"'{required}' is required but not among the properties");
            }
        }

        if (obj["items"] is JsonNode items)
        {
            node.Items = Compile(items, JsonPointer.Append(location, "items"));
        }

        if (obj["x-mock"] is JsonNode hint)
        {
            node.Hint = HintParser.Parse(hint, JsonPointer.Append(location, "x-mock"), _fail);
        }
    }

    /// <summary>A published spec's schema: every keyword generation can honour, allOf merged, oneOf/anyOf as alternatives.</summary>
    private void FillPublished(SchemaNode node, JsonObject obj, string location)
    {
        node.Types = Types(obj["type"], JsonPointer.Append(location, "type"));
        node.Format = obj["format"] is JsonValue format && format.TryGetValue<string>(out var named) ? named : null;
        node.Enum = obj["enum"] is JsonArray values ? values.Select(v => v?.DeepClone()).ToArray() : null;
        node.MultipleOf = Decimal(obj["multipleOf"]);
        var integer = (node.Types & SchemaTypes.Integer) != 0 && (node.Types & SchemaTypes.Number) == 0;
        node.Minimum = Bound(Decimal(obj["minimum"]), Decimal(obj["exclusiveMinimum"]), integer, up: true);
        node.Maximum = Bound(Decimal(obj["maximum"]), Decimal(obj["exclusiveMaximum"]), integer, up: false);
        node.MinLength = (int?)Decimal(obj["minLength"]);
        node.MaxLength = (int?)Decimal(obj["maxLength"]);
        node.MinItems = (int?)Decimal(obj["minItems"]);
        node.MaxItems = (int?)Decimal(obj["maxItems"]);
        node.MinProperties = (int?)Decimal(obj["minProperties"]);
        node.UniqueItems = obj["uniqueItems"] is JsonValue unique && unique.TryGetValue<bool>(out var isUnique) && isUnique;
        node.WriteOnly = obj["writeOnly"] is JsonValue writeOnly && writeOnly.TryGetValue<bool>(out var isWriteOnly) && isWriteOnly;
        node.ReadOnly = obj["readOnly"] is JsonValue readOnly && readOnly.TryGetValue<bool>(out var isReadOnly) && isReadOnly;
        node.Required = (obj["required"] as JsonArray ?? []).Select(r => r?.ToString() ?? "").ToHashSet(StringComparer.Ordinal);
        if (obj["pattern"] is JsonValue pattern && pattern.TryGetValue<string>(out var regex))
        {
            try
            {
                node.Pattern = new Regex(regex, RegexOptions.CultureInvariant);
                node.PatternText = PatternText.TryCreate(node.Pattern, out var problem);
                node.Impossible ??= problem;
            }
            catch (ArgumentException e)
            {
                _fail(JsonPointer.Append(location, "pattern"), $"'{regex}' is not a regular expression .NET can read: {e.Message}");
            }
        }

        if (obj["properties"] is JsonObject properties)
        {
            foreach (var (name, child) in properties)
            {
                node.AddProperty(name, Compile(child, JsonPointer.Append(JsonPointer.Append(location, "properties"), name)));
            }
        }

        if (obj["items"] is JsonObject or JsonValue)
        {
            node.Items = Compile(obj["items"], JsonPointer.Append(location, "items"));
        }

        if (obj["additionalProperties"] is JsonObject additional)
        {
            node.AdditionalProperties = Compile(additional, JsonPointer.Append(location, "additionalProperties"));
        }

        if (obj["allOf"] is JsonArray all)
        {
            for (var i = 0; i < all.Count; i++)
            {
                var at = JsonPointer.Append(JsonPointer.Append(location, "allOf"), i);
                var part = Compile(all[i], at);
                if (_filling.Contains(part))
                {
                    node.Impossible ??= $"allOf refers back to '{part.Source}', which it is part of";
                    continue;
                }

                MergeInto(node, part, location);
            }
        }

        Unsatisfiable(node);
        var alternatives = obj["oneOf"] as JsonArray ?? obj["anyOf"] as JsonArray;
        if (alternatives is { Count: > 0 })
        {
            var keyword = obj.ContainsKey("oneOf") ? "oneOf" : "anyOf";
            var branches = new List<SchemaNode>();
            var tags = new List<string?>();
            var discriminator = obj["discriminator"]?["propertyName"]?.ToString();
            for (var i = 0; i < alternatives.Count; i++)
            {
                var at = JsonPointer.Append(JsonPointer.Append(location, keyword), i);
                var branch = new SchemaNode { Source = at };
                MergeInto(branch, node, location);
                MergeInto(branch, Compile(alternatives[i], at), at);
                Unsatisfiable(branch);
                branches.Add(branch);
                tags.Add(discriminator is null ? null : Tag(obj["discriminator"]!, alternatives[i], branch.Property(discriminator)));
            }

            node.Alternatives = branches;
            node.Discriminator = discriminator;
            node.DiscriminatorValues = discriminator is null ? null : tags;
        }

        if (obj["example"] is { } example)
        {
            TakeExample(node, example);
        }
        else if (obj["examples"] is JsonArray { Count: > 0 } examples)
        {
            TakeExample(node, examples[0]);
        }
    }

    /// <summary>The value a branch's discriminator property takes: its mapping key, else its component's name, when the property allows it.</summary>
    private static string? Tag(JsonNode discriminator, JsonNode? branch, SchemaNode? property)
    {
        if (branch?["$ref"]?.ToString() is not { } reference || !reference.StartsWith(ComponentPrefix, StringComparison.Ordinal))
        {
            return null;
        }

        var name = reference[ComponentPrefix.Length..];
        var tag = (discriminator["mapping"] as JsonObject ?? [])
            .FirstOrDefault(m => m.Value?.ToString() == reference || m.Value?.ToString() == name).Key ?? name;
        return property is null || !property.HasType(SchemaTypes.String) || (property.Enum is { } allowed && !allowed.Any(v => v?.ToString() == tag)) ? null : tag;
    }

    /// <summary>Folds <paramref name="source"/> into <paramref name="target"/> (allOf): both schemas' constraints hold.</summary>
    private static void MergeInto(SchemaNode target, SchemaNode source, string location)
    {
        target.Types = (target.Types, source.Types) switch
        {
            (SchemaTypes.None, var t) => t,
            (var t, SchemaTypes.None) => t,
            var (a, b) => Intersect(a, b),
        };
        if (target.Types == SchemaTypes.None && source.Types != SchemaTypes.None)
        {
            target.Impossible ??= $"the schemas of allOf at {location} allow no common type";
        }

        target.Format ??= source.Format;
        target.Enum = (target.Enum, source.Enum) switch
        {
            (null, var e) => e,
            (var e, null) => e,
            var (a, b) => a.Where(v => b.Any(w => JsonNode.DeepEquals(v, w))).ToArray(),
        };
        target.Minimum = Max(target.Minimum, source.Minimum);
        target.Maximum = Min(target.Maximum, source.Maximum);
        target.MinLength = (int?)Max(target.MinLength, source.MinLength);
        target.MaxLength = (int?)Min(target.MaxLength, source.MaxLength);
        target.MinItems = (int?)Max(target.MinItems, source.MinItems);
        target.MaxItems = (int?)Min(target.MaxItems, source.MaxItems);
        target.MinProperties = (int?)Max(target.MinProperties, source.MinProperties);
        target.UniqueItems |= source.UniqueItems;
        target.WriteOnly |= source.WriteOnly;
        target.ReadOnly |= source.ReadOnly;
        target.MultipleOf ??= source.MultipleOf;
        target.Pattern ??= source.Pattern;
        target.PatternText ??= source.PatternText;
        target.Hint ??= source.Hint;
        target.Impossible ??= source.Impossible;
        target.AdditionalProperties ??= source.AdditionalProperties;
        target.Alternatives ??= source.Alternatives;
        target.Discriminator ??= source.Discriminator;
        target.DiscriminatorValues ??= source.DiscriminatorValues;
        target.Items = (target.Items, source.Items) switch
        {
            (null, var i) => i,
            (var i, null) => i,
            var (a, b) => Merged(a, b, location),
        };
        if (!target.HasExample && source.HasExample)
        {
            (target.Example, target.HasExample) = (source.Example?.DeepClone(), true);
        }

        if (source.Required.Count > 0)
        {
            target.Required = target.Required.Union(source.Required).ToHashSet(StringComparer.Ordinal);
        }

        foreach (var name in source.PropertyNames)
        {
            var incoming = source.Property(name)!;
            target.SetProperty(name, target.Property(name) is { } existing && existing != incoming ? Merged(existing, incoming, location) : incoming);
        }
    }

    private static SchemaNode Merged(SchemaNode a, SchemaNode b, string location)
    {
        var merged = new SchemaNode { Source = a.Source };
        MergeInto(merged, a, location);
        MergeInto(merged, b, location);
        return merged;
    }

    /// <summary>Integer is a kind of number: an allOf of both allows integers.</summary>
    private static SchemaTypes Intersect(SchemaTypes a, SchemaTypes b)
    {
        var common = a & b;
        if (((a & SchemaTypes.Number) != 0 && (b & SchemaTypes.Integer) != 0) || ((b & SchemaTypes.Number) != 0 && (a & SchemaTypes.Integer) != 0))
        {
            common |= SchemaTypes.Integer;
        }

        return common;
    }

    /// <summary>Bounds no value can keep make generation impossible; the reason names them.</summary>
    private static void Unsatisfiable(SchemaNode node)
    {
        node.Impossible ??= node switch
        {
            { Minimum: { } min, Maximum: { } max } when min > max => $"minimum {min} is above maximum {max}",
            { MinLength: { } min, MaxLength: { } max } when min > max => $"minLength {min} is above maxLength {max}",
            { MinItems: { } min, MaxItems: { } max } when min > max => $"minItems {min} is above maxItems {max}",
            { Enum.Count: 0 } => "no value is in every enum of its allOf",
            _ => null,
        };
    }

    /// <summary>
    /// An exclusive bound as the inclusive one generation aims at: the next integer for integers, a hundredth
    /// inside for numbers (generated numbers have two decimals).
    /// </summary>
    private static decimal? Bound(decimal? inclusive, decimal? exclusive, bool integer, bool up)
    {
        if (exclusive is not { } limit)
        {
            return inclusive;
        }

        var step = integer ? 1m : 0.01m;
        var inside = up ? (integer ? Math.Floor(limit) + step : limit + step) : (integer ? Math.Ceiling(limit) - step : limit - step);
        return inclusive is { } other ? (up ? Math.Max(other, inside) : Math.Min(other, inside)) : inside;
    }

    private static decimal? Max(decimal? a, decimal? b) => a is null ? b : b is null ? a : Math.Max(a.Value, b.Value);

    private static decimal? Min(decimal? a, decimal? b) => a is null ? b : b is null ? a : Math.Min(a.Value, b.Value);

    /// <summary>A scalar example the schema's own keywords accept becomes the field's static value; others are not used.</summary>
    private static void TakeExample(SchemaNode node, JsonNode? example)
    {
        if (node.Alternatives is null && node.Impossible is null && Keeps(node, example))
        {
            (node.Example, node.HasExample) = (example?.DeepClone(), true);
        }
    }

    private static bool Keeps(SchemaNode node, JsonNode? value)
    {
        if (node.Enum is { } allowed && !allowed.Any(v => JsonNode.DeepEquals(v, value)))
        {
            return false;
        }

        switch (value?.GetValueKind())
        {
            case null or JsonValueKind.Null:
                return node.IsNullable;
            case JsonValueKind.True or JsonValueKind.False:
                return node.Types != SchemaTypes.None && node.HasType(SchemaTypes.Boolean);
            case JsonValueKind.Number:
                var number = value.GetValue<decimal>();
                var typed = node.Types != SchemaTypes.None && (node.HasType(SchemaTypes.Number) || (node.HasType(SchemaTypes.Integer) && number == Math.Floor(number)));
                return typed && number >= (node.Minimum ?? decimal.MinValue) && number <= (node.Maximum ?? decimal.MaxValue)
                    && (node.MultipleOf is not { } step || number % step == 0);
            case JsonValueKind.String:
                var text = value.GetValue<string>();
                return node.Types != SchemaTypes.None && node.HasType(SchemaTypes.String) && Ascii(text)
                    && text.Length >= (node.MinLength ?? 0) && text.Length <= (node.MaxLength ?? int.MaxValue) && (node.Pattern?.IsMatch(text) ?? true)
                    && node.Format switch
                    {
                        null => true,
                        "date-time" => DateTimeText.IsMatch(text) && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out _),
                        "date" => DateText.IsMatch(text) && DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _),
                        "uuid" => UuidText.IsMatch(text),
                        "email" => EmailText.IsMatch(text),
                        "uri" => Uri.IsWellFormedUriString(text, UriKind.Absolute),
                        _ => false,
                    };
            default:
                // Objects and arrays: their fields are generated (and may take their own examples).
                return false;
        }

        static bool Ascii(string text) => System.Text.Ascii.IsValid(text);
    }

    private SchemaTypes Types(JsonNode? type, string location)
    {
        var names = type switch
        {
            null => [],
            JsonArray array => array.Select(t => t?.ToString() ?? "").ToArray(),
            _ => [type.ToString()],
        };
        var types = SchemaTypes.None;
        foreach (var name in names)
        {
            if (TypeNames.TryGetValue(name, out var parsed))
            {
                types |= parsed;
            }
            else
            {
                _fail(location, $"unknown type '{name}' (expected null, boolean, integer, number, string, array or object)");
            }
        }

        return types;
    }

    private static decimal? Decimal(JsonNode? node) => node is JsonValue v && v.TryGetValue<decimal>(out var d) ? d : null;

    /// <summary>Whether any schema marks a property <c>readOnly</c> or <c>writeOnly</c> that some object requires.</summary>
    private static bool HasSidedProperties(JsonNode? node) => node switch
    {
        JsonObject obj => (obj["required"] is JsonArray required && obj["properties"] is JsonObject properties
                && required.Any(r => r is not null && Sided(properties[r.ToString()]) is not null))
            || obj.Any(p => HasSidedProperties(p.Value)),
        JsonArray array => array.Any(HasSidedProperties),
        _ => false,
    };

    /// <summary>"readOnly" or "writeOnly" when the property schema says so itself.</summary>
    private static string? Sided(JsonNode? property) =>
        property is JsonObject obj && obj["readOnly"] is JsonValue r && r.TryGetValue<bool>(out var ro) && ro ? "readOnly"
        : property is JsonObject other && other["writeOnly"] is JsonValue w && w.TryGetValue<bool>(out var wo) && wo ? "writeOnly"
        : null;

    /// <summary>Component refs pointed at <c>definitions</c>, the mock hints dropped and, for one side of the exchange, the other side's properties not required; in place.</summary>
    internal static JsonNode? Rewrite(JsonNode? node, SchemaView view = SchemaView.AsWritten)
    {
        switch (node)
        {
            case JsonObject obj:
                if (obj["$ref"] is JsonValue r && r.TryGetValue<string>(out var reference) && reference.StartsWith(ComponentPrefix, StringComparison.Ordinal))
                {
                    obj["$ref"] = "#/definitions/" + reference[ComponentPrefix.Length..];
                }

                obj.Remove("x-mock");
                if (obj["discriminator"]?["mapping"] is JsonObject mapping)
                {
                    // NJsonSchema resolves a mapping's targets as references too.
                    foreach (var (tag, target) in mapping.ToArray())
                    {
                        if (target?.ToString() is { } value && value.StartsWith(ComponentPrefix, StringComparison.Ordinal))
                        {
                            mapping[tag] = "#/definitions/" + value[ComponentPrefix.Length..];
                        }
                    }
                }

                if (view != SchemaView.AsWritten && obj["required"] is JsonArray required && obj["properties"] is JsonObject properties)
                {
                    var other = view == SchemaView.Response ? "writeOnly" : "readOnly";
                    foreach (var name in required.Where(n => n is not null && Sided(properties[n.ToString()]) == other).ToArray())
                    {
                        required.Remove(name);
                    }
                }

                foreach (var (_, child) in obj.ToArray())
                {
                    Rewrite(child, view);
                }

                break;
            case JsonArray array:
                foreach (var child in array)
                {
                    Rewrite(child, view);
                }

                break;
        }

        return node;
    }
}
