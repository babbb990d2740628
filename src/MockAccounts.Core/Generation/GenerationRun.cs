using System.Globalization;
using System.Text.Json.Nodes;
using Bogus;
using MockAccounts.Core.Json;
using MockAccounts.Core.Schemas;

namespace MockAccounts.Core.Generation;

/// <summary>
/// Generates bodies, one at a time, on one thread. Fields are evaluated lazily and memoised by JSON pointer,
/// so a <c>copy</c> or <c>when</c> hint can read any other field's final value whatever the order.
/// </summary>
/// <remarks>
/// <see cref="BodyGenerator"/> keeps one per thread: its tables, Faker and randomizer are reused by every
/// body that thread generates, so a body allocates little beyond its own JSON.
/// </remarks>
internal sealed class GenerationRun
{
    /// <summary>What a hint returns for "leave the property out"; never part of a body.</summary>
    private static readonly JsonNode AbsentMarker = JsonValue.Create("absent");

    private readonly Dictionary<string, JsonNode?> _done = new(StringComparer.Ordinal);
    private readonly HashSet<string> _absent = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (SchemaNode Schema, MergeOverride? Override)> _openObjects = new(StringComparer.Ordinal);
    private readonly HashSet<string> _busy = new(StringComparer.Ordinal);
    private readonly Faker _faker;
    private readonly FieldRandomizer _random;
    private EdgeWalk? _edges;
    private ulong _seed;
    private ulong _requestSeed;
    private DateTimeOffset _now;
    private bool _perRequest;
    private bool _schemaExamples;
    private bool _request;

    public GenerationRun()
    {
        _random = new FieldRandomizer(0);
        _faker = new Faker("en") { Random = _random };
    }

    /// <summary>One body: the same <paramref name="seed"/>, reference time and draw always give the same JSON.</summary>
    public JsonNode? Generate(ulong seed, DateTimeOffset now, RequestDraw draw, SchemaNode schema, OverrideNode? overrides, bool schemaExamples = false, bool request = false)
    {
        _seed = seed;
        _request = request;
        _schemaExamples = schemaExamples && !draw.Edges;
        _requestSeed = FieldSeed.ForField(seed, "#request " + draw.Number.ToString(CultureInfo.InvariantCulture));
        _now = now;
        _edges = draw.Edges ? new EdgeWalk(seed, draw.Number) : null;
        try
        {
            return At("", schema, overrides);
        }
        finally
        {
            _done.Clear();
            _absent.Clear();
            _openObjects.Clear();
            _busy.Clear();
            _perRequest = false;
        }
    }

    /// <param name="optional">Whether the enclosing object may leave this property out.</param>
    /// <param name="pointer">The JSON pointer of the value being generated.</param>
    /// <param name="schema">The schema of the value.</param>
    /// <param name="overrides">The partial body that replaces or shapes the value, or null.</param>
    private JsonNode? At(string pointer, SchemaNode schema, OverrideNode? overrides, bool optional = false)
    {
        if (_done.TryGetValue(pointer, out var done))
        {
            return done;
        }

        if (!_busy.Add(pointer))
        {
            throw new HintException($"the hints at '{pointer}' depend on themselves");
        }

        var value = overrides switch
        {
            LiteralOverride literal => literal.Value?.DeepClone(),
            HintOverride hinted => Hinted(pointer, schema, hinted.Hint, null),
            MergeOverride merge => Default(pointer, schema, merge),
            _ when _edges is not null => Edge(pointer, schema, optional),
            _ => Hinted(pointer, schema, schema.Hint, null),
        };
        if (ReferenceEquals(value, AbsentMarker))
        {
            _absent.Add(pointer);
            value = null;
        }

        _busy.Remove(pointer);
        _done[pointer] = value;
        return value;
    }

    /// <summary>The final value at <paramref name="pointer"/> (null when absent).</summary>
    private JsonNode? ValueAt(string pointer)
    {
        if (_done.TryGetValue(pointer, out var done))
        {
            return done;
        }

        if (pointer.Length == 0 || _openObjects.ContainsKey(pointer))
        {
            throw new HintException($"a hint reads '{(pointer.Length == 0 ? "/" : pointer)}', which encloses the field being generated");
        }

        var (parent, name) = JsonPointer.SplitLast(pointer);
        if (_openObjects.TryGetValue(parent, out var frame))
        {
            var child = frame.Schema.Property(name)
                ?? throw new HintException($"a hint reads '{pointer}', but the schema has no property '{name}' there");
            return At(pointer, child, frame.Override?.Child(name), !frame.Schema.Required.Contains(name));
        }

        return ValueAt(parent) switch
        {
            JsonObject obj => obj.TryGetPropertyValue(name, out var value) ? value : null,
            JsonArray array when int.TryParse(name, CultureInfo.InvariantCulture, out var i) && i < array.Count => array[i],
            _ => null,
        };
    }

    private JsonNode? Hinted(string pointer, SchemaNode schema, Hint? hint, MergeOverride? merge) => hint switch
    {
        null when _schemaExamples && schema.HasExample && merge is null => schema.Example?.DeepClone(),
        null => Default(pointer, schema, merge),
        ConstHint c => c.Value?.DeepClone(),
        PickHint p => p.Values[Random(pointer).Number(p.Values.Count - 1)]?.DeepClone(),
        FakerHint f => FakerRegistry.Generate(f.Name, FakerFor(pointer)),
        TemplateHint t => t.Template.Render(Random(pointer)),
        UuidHint => Uuid(Random(pointer)),
        IntHint i => Random(pointer).Long(i.Min, i.Max),
        DecimalHint d => DecimalText(Random(pointer), d),
        DurationHint d => DurationText(Random(pointer), d),
        DateHint d => DateText(Random(pointer), d.From.From(_now), d.To.From(_now)),
        CopyHint c => ValueAt(c.Pointer)?.DeepClone(),
        WhenHint w => Hinted(pointer, schema, Matches(ValueAt(w.Pointer), w.Values) ? w.Then : w.Else, merge),
        ArrayHint a => Items(pointer, schema, Random(pointer).Number(a.Min, a.Max)),
        SubsetHint s => Subset(Random(pointer), s.Values),
        AbsentHint => AbsentMarker,
        PerRequestHint r => PerRequest(pointer, schema, r.Hint),
        _ => throw new HintException($"unsupported hint {hint.GetType().Name}"),
    };

    private JsonNode? Default(string pointer, SchemaNode schema, MergeOverride? merge)
    {
        if (schema.Impossible is { } impossible)
        {
            throw new HintException($"{schema.Source}: {impossible}");
        }

        if (schema.Alternatives is { Count: > 0 } alternatives)
        {
            return Alternative(pointer, schema, alternatives, merge);
        }

        if (merge is not null || (schema.HasType(SchemaTypes.Object) && (schema.PropertyNames.Count > 0 || schema.MinProperties > 0)))
        {
            return Object(pointer, schema, merge);
        }

        var random = Random(pointer);
        if (schema.Enum is { Count: > 0 } values)
        {
            var choices = values.Where(v => v is not null).ToArray();
            return choices.Length == 0 ? null : choices[random.Number(choices.Length - 1)]!.DeepClone();
        }

        if (schema.HasType(SchemaTypes.String))
        {
            var text = DefaultString(pointer, schema.Format, random);
            return Keeps(schema, text) ? text : ConstrainedString(pointer, schema);
        }

        if (schema.HasType(SchemaTypes.Integer))
        {
            var number = random.Long((long)Math.Ceiling(schema.Minimum ?? 0), (long)Math.Floor(schema.Maximum ?? Math.Max(1000, schema.Minimum ?? 0)));
            return schema.MultipleOf is { } step ? Multiple(number, step, schema, integer: true) : number;
        }

        if (schema.HasType(SchemaTypes.Number))
        {
            var number = Math.Round(random.Double((double)(schema.Minimum ?? 0), (double)(schema.Maximum ?? 1000)), 2);
            return schema.MultipleOf is { } step ? Multiple((decimal)number, step, schema, integer: false) : number;
        }

        if (schema.HasType(SchemaTypes.Boolean))
        {
            return random.Bool();
        }

        if (schema.HasType(SchemaTypes.Array))
        {
            var fewest = schema.MinItems ?? 0;
            return Items(pointer, schema, random.Number(fewest, Math.Max(fewest, Math.Min(schema.MaxItems ?? 3, Math.Max(3, fewest)))));
        }

        return schema.HasType(SchemaTypes.Object) ? Object(pointer, schema, null) : null;
    }

    /// <summary>
    /// One of <c>oneOf</c>/<c>anyOf</c>, the same one for a token every time; a realistic body takes a branch that is
    /// not null alone when there is one. The discriminator, when the schema has one, names the branch taken.
    /// </summary>
    private JsonNode? Alternative(string pointer, SchemaNode schema, IReadOnlyList<SchemaNode> alternatives, MergeOverride? merge)
    {
        var candidates = Enumerable.Range(0, alternatives.Count).Where(i => alternatives[i].Types != SchemaTypes.Null).ToArray();
        var index = candidates.Length == 0 ? 0 : candidates[Random(pointer + "#of").Number(candidates.Length - 1)];
        var branch = alternatives[index];
        var value = Hinted(pointer, branch, branch.Hint, merge);
        if (schema.Discriminator is { } property && schema.DiscriminatorValues?[index] is { } tag && value is JsonObject tagged)
        {
            tagged[property] = tag;
        }

        return value;
    }

    private JsonObject Object(string pointer, SchemaNode schema, MergeOverride? merge)
    {
        _openObjects[pointer] = (schema, merge);
        var result = new JsonObject();
        foreach (var name in schema.PropertyNames)
        {
            var property = schema.Property(name)!;
            if (_request ? property.ReadOnly : property.WriteOnly)
            {
                // Sent only the other way: a response leaves a writeOnly property out, a request a readOnly one (neither side requires it).
                continue;
            }

            var at = JsonPointer.Append(pointer, name);
            var value = At(at, property, merge?.Child(name), !schema.Required.Contains(name));
            if (!_absent.Contains(at))
            {
                result[name] = value;
            }
        }

        // A map (additionalProperties only) or an object that needs more properties than it declares.
        var extra = schema.AdditionalProperties ?? new SchemaNode { Source = schema.Source, Types = SchemaTypes.String };
        for (var i = 1; result.Count < (schema.MinProperties ?? 0); i++)
        {
            var name = "property" + i.ToString(CultureInfo.InvariantCulture);
            if (!result.ContainsKey(name))
            {
                result[name] = At(JsonPointer.Append(pointer, name), extra, merge?.Child(name));
            }
        }

        _openObjects.Remove(pointer);
        return result;
    }

    private JsonArray Items(string pointer, SchemaNode schema, int count)
    {
        var itemSchema = schema.Items ?? new SchemaNode { Source = schema.Source, Types = SchemaTypes.String };
        var items = new JsonArray();
        if (schema.UniqueItems && itemSchema.Enum is { } choices)
        {
            count = Math.Min(count, choices.Count);
        }

        for (var i = 0; items.Count < count && i < count * 8; i++)
        {
            var item = At(JsonPointer.Append(pointer, i), itemSchema, null);
            if (!schema.UniqueItems || !items.Any(other => JsonNode.DeepEquals(other, item)))
            {
                items.Add(item);
            }
        }

        return items;
    }

    /// <summary>Whether text the default way made keeps the schema's lengths and pattern (it always has for our own contracts).</summary>
    private static bool Keeps(SchemaNode schema, JsonNode text)
    {
        if (schema.MinLength is null && schema.MaxLength is null && schema.Pattern is null)
        {
            return true;
        }

        var value = text.GetValue<string>();
        return value.Length >= (schema.MinLength ?? 0) && value.Length <= (schema.MaxLength ?? int.MaxValue) && (schema.Pattern?.IsMatch(value) ?? true);
    }

    /// <summary>Text for a schema whose pattern or lengths the default text breaks: a walk of the pattern, or words cut to length.</summary>
    private string ConstrainedString(string pointer, SchemaNode schema)
    {
        var (shortest, longest) = (schema.MinLength ?? 0, schema.MaxLength ?? Math.Max(64, schema.MinLength ?? 0));
        if (schema.Pattern is not null)
        {
            return schema.PatternText?.Generate(Random(pointer + "#pattern"), shortest, longest)
                ?? throw new HintException($"{schema.Source}: no text matching '{schema.Pattern}' of {shortest} to {longest} characters could be made");
        }

        var faker = FakerFor(pointer + "#text");
        var text = new System.Text.StringBuilder();
        while (text.Length < shortest)
        {
            text.Append(text.Length == 0 ? "" : " ").Append(faker.Lorem.Word());
        }

        return text.Length > longest ? text.ToString(0, longest) : text.Length == 0 && longest > 0 ? faker.Lorem.Word()[..Math.Min(longest, 1)] : text.ToString();
    }

    /// <summary>The multiple of <paramref name="step"/> nearest to <paramref name="value"/> inside the schema's bounds.</summary>
    private static JsonValue Multiple(decimal value, decimal step, SchemaNode schema, bool integer)
    {
        var low = Math.Ceiling((schema.Minimum ?? decimal.MinValue / 2) / step);
        var high = Math.Floor((schema.Maximum ?? decimal.MaxValue / 2) / step);
        var factor = Math.Clamp(Math.Round(value / step), low, high);
        if (low > high)
        {
            throw new HintException($"{schema.Source}: no multiple of {step} lies between its minimum and maximum");
        }

        var result = factor * step;
        return integer ? JsonValue.Create((long)result) : JsonValue.Create(result);
    }

    /// <summary>Under <see cref="Variation.Edges"/>: the option this request takes among what the contract allows.</summary>
    private JsonNode? Edge(string pointer, SchemaNode schema, bool optional)
    {
        var hint = schema.Hint;
        var dependsOn = new List<string>();
        while (hint is WhenHint branch)
        {
            dependsOn.Add(branch.Pointer);
            hint = Matches(ValueAt(branch.Pointer), branch.Values) ? branch.Then : branch.Else;
        }

        var options = EdgeOptions.For(schema, hint, optional);
        if (options.Count == 0)
        {
            return AbsentMarker;
        }

        var option = options[_edges!.Choose(pointer, EdgeOptions.MostOptions(schema, schema.Hint, optional), options.Count, dependsOn)];
        return option.Kind switch
        {
            EdgeKind.Absent => AbsentMarker,
            EdgeKind.Null => null,
            EdgeKind.Literal => option.Literal?.DeepClone(),
            EdgeKind.Items => Items(pointer, schema, option.Count),
            EdgeKind.GeneratedWithFraction => WithFraction(Hinted(pointer, schema, option.Hint, null), Random(pointer + "#fraction")),
            _ => Hinted(pointer, schema, option.Hint, null),
        };
    }

    /// <summary>A per-request hint draws from the request's randomness, not the token's.</summary>
    private JsonNode? PerRequest(string pointer, SchemaNode schema, Hint hint)
    {
        _perRequest = true;
        try
        {
            return Hinted(pointer, schema, hint, null);
        }
        finally
        {
            _perRequest = false;
        }
    }

    private static JsonNode? WithFraction(JsonNode? generated, FieldRandomizer random) =>
        generated is JsonValue value && value.TryGetValue<string>(out var text) && text.EndsWith('Z') && !text.Contains('.', StringComparison.Ordinal)
            ? $"{text[..^1]}.{random.Number(0, 999_999).ToString("D6", CultureInfo.InvariantCulture)}Z"
            : generated;

    private JsonNode DefaultString(string pointer, string? format, FieldRandomizer random) => format switch
    {
        "uuid" or "guid" => Uuid(random),
        "email" => FakerRegistry.Generate("internet.email", FakerFor(pointer)),
        "uri" or "url" or "uri-reference" or "iri" => FakerRegistry.Generate("internet.url", FakerFor(pointer)),
        "date-time" => DateText(random, _now.AddYears(-2), _now.AddDays(-1)),
        "date" => DateText(random, _now.AddYears(-2), _now.AddDays(-1))[..10],
        "time" => DateText(random, _now.AddYears(-2), _now.AddDays(-1))[11..],
        "hostname" => FakerFor(pointer).Internet.DomainName(),
        "ipv4" => FakerFor(pointer).Internet.Ip(),
        "ipv6" => FakerFor(pointer).Internet.Ipv6(),
        "byte" => Convert.ToBase64String(random.Bytes(12)),
        "int64" or "int32" => random.Long(0, 100_000).ToString(CultureInfo.InvariantCulture),
        _ => FakerRegistry.Generate("lorem.word", FakerFor(pointer)),
    };

    /// <summary>An RFC 4122 version-4 UUID drawn from the field's randomizer (Bogus' own sets no version bits).</summary>
    private static string Uuid(FieldRandomizer random)
    {
        var bytes = random.Bytes(16);
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x40);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes, bigEndian: true).ToString();
    }

    private static string DecimalText(FieldRandomizer random, DecimalHint hint)
    {
        var scale = (decimal)Math.Pow(10, hint.Places);
        var units = random.Long((long)(hint.Min * scale), (long)(hint.Max * scale));
        return (units / scale).ToString("F" + hint.Places.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
    }

    private static string DurationText(FieldRandomizer random, DurationHint hint)
    {
        var seconds = random.Long(hint.MinSeconds, hint.MaxSeconds).ToString(CultureInfo.InvariantCulture);
        if (hint.Places == 0 || seconds == hint.MaxSeconds.ToString(CultureInfo.InvariantCulture))
        {
            return seconds + "s";
        }

        var fraction = random.Long(0, (long)Math.Pow(10, hint.Places) - 1).ToString(new string('0', hint.Places), CultureInfo.InvariantCulture);
        return $"{seconds}.{fraction}s";
    }

    private static string DateText(FieldRandomizer random, DateTimeOffset from, DateTimeOffset to)
    {
        var seconds = random.Long(0, Math.Max(0, (long)(to - from).TotalSeconds));
        return from.AddSeconds(seconds).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
    }

    private static JsonArray Subset(FieldRandomizer random, IReadOnlyList<JsonNode?> values)
    {
        var chosen = new JsonArray();
        foreach (var value in values)
        {
            if (random.Bool())
            {
                chosen.Add(value?.DeepClone());
            }
        }

        return chosen;
    }

    private static bool Matches(JsonNode? actual, IReadOnlyList<JsonNode?> values) =>
        values.Any(v => JsonNode.DeepEquals(v, actual));

    /// <summary>
    /// The thread's one randomizer, restarted at the field's seed. Safe because each use draws all it needs
    /// before the next field is generated: no hint keeps a randomizer across a nested <see cref="At"/>.
    /// </summary>
    private FieldRandomizer Random(string pointer) => _random.Reseed(FieldSeed.ForField(_perRequest ? _requestSeed : _seed, pointer));

    /// <summary>The thread's Faker, whose randomizer is <see cref="_random"/>, restarted at the field's seed.</summary>
    private Faker FakerFor(string pointer)
    {
        Random(pointer);
        return _faker;
    }
}
