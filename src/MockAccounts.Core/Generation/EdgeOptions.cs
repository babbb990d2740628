using System.Globalization;
using System.Text.Json.Nodes;
using MockAccounts.Core.Schemas;

namespace MockAccounts.Core.Generation;

/// <summary>
/// What a field may be, as far as its contract allows, for <see cref="Variation.Edges"/>: absent when
/// optional, null when nullable, every enum value, strings at their length bounds and in non-ASCII
/// text, numbers at their bounds and fractional, arrays empty and full, date-times with and without
/// fractional seconds, durations with fractions. Candidates the field's own constraints reject are dropped.
/// </summary>
internal static class EdgeOptions
{
    /// <summary>Beyond 2^53 JavaScript clients lose precision: the widest integer an unbounded field gets.</summary>
    private const long SafeInteger = 9_007_199_254_740_991;
    private const int UnboundedLength = 256;
    private const int FullArray = 3;
    private const string NonAscii = "Zoë Ørsted-Łukasiewicz · 東京都 ☕";
    private const string LongText = "Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt ut labore. ";

    public static List<EdgeOption> For(SchemaNode schema, Hint? hint, bool optional)
    {
        var options = new List<EdgeOption>(6);
        if (optional)
        {
            options.Add(EdgeOption.Absent);
        }

        if (schema.IsNullable)
        {
            options.Add(EdgeOption.Null);
        }

        AddValues(options, schema, hint);
        return options;
    }

    /// <summary>How many options a field can have whichever branch its <c>when</c> hints take.</summary>
    public static int MostOptions(SchemaNode schema, Hint? hint, bool optional) => hint is WhenHint branch
        ? Math.Max(MostOptions(schema, branch.Then, optional), MostOptions(schema, branch.Else, optional))
        : For(schema, hint, optional).Count;

    private static void AddValues(List<EdgeOption> options, SchemaNode schema, Hint? hint)
    {
        switch (hint)
        {
            case AbsentHint:
                return;
            case CopyHint:
                options.Add(new EdgeOption(EdgeKind.Generated, Hint: hint));
                return;
            case SubsetHint subset:
                options.Add(EdgeOption.Value(new JsonArray()));
                options.Add(EdgeOption.Value(new JsonArray(subset.Values.Select(v => v?.DeepClone()).ToArray())));
                return;
            case ArrayHint array:
                options.Add(new EdgeOption(EdgeKind.Items, Count: array.Min));
                options.Add(new EdgeOption(EdgeKind.Items, Count: array.Max));
                return;
        }

        if (schema.Enum is { } values)
        {
            options.AddRange(values.Where(v => v is not null).Select(v => EdgeOption.Value(v!.DeepClone())));
            return;
        }

        switch (hint)
        {
            case DurationHint duration:
                AddFitting(options, schema, Durations(duration));
                options.Add(new EdgeOption(EdgeKind.Generated, Hint: hint));
                return;
            case DecimalHint dec:
                AddFitting(options, schema, [Decimal(dec.Min, dec.Places), Decimal(dec.Max, dec.Places)]);
                options.Add(new EdgeOption(EdgeKind.Generated, Hint: hint));
                return;
            case PickHint pick:
                AddFitting(options, schema, pick.Values.Where(v => v is not null).Select(v => v!.DeepClone()));
                break;
        }

        // A const null or a pick says nothing about the values the type allows: those come from the schema.
        var generator = hint is ConstHint { Value: null } or PickHint ? null : hint;
        var generated = new EdgeOption(EdgeKind.Generated, Hint: generator);
        if (schema.Types == SchemaTypes.None)
        {
            options.Add(generated);
        }
        else if (schema.HasType(SchemaTypes.Object) && schema.PropertyNames.Count > 0)
        {
            options.Add(generated);
        }
        else if ((schema.Types & SchemaTypes.Array) != 0)
        {
            options.Add(new EdgeOption(EdgeKind.Items, Count: 0));
            options.Add(new EdgeOption(EdgeKind.Items, Count: schema.MaxItems ?? FullArray));
        }
        else if ((schema.Types & SchemaTypes.Boolean) != 0)
        {
            options.Add(EdgeOption.Value(false));
            options.Add(EdgeOption.Value(true));
        }
        else if ((schema.Types & SchemaTypes.Integer) != 0)
        {
            AddMultiples(options, schema, [Math.Ceiling(schema.Minimum ?? -SafeInteger), Math.Floor(schema.Maximum ?? SafeInteger)], integer: true);
            options.Add(generated);
        }
        else if ((schema.Types & SchemaTypes.Number) != 0)
        {
            var min = schema.Minimum ?? -SafeInteger;
            var max = schema.Maximum ?? SafeInteger;
            AddMultiples(options, schema, [min, max, min + 0.5m <= max ? min + 0.5m : (min + max) / 2], integer: false);
            if (schema.MultipleOf is not null)
            {
                options.Add(generated);
            }
        }
        else if ((schema.Types & SchemaTypes.String) != 0)
        {
            if (schema.Format == "date-time")
            {
                options.Add(generated);
                options.Add(generated with { Kind = EdgeKind.GeneratedWithFraction });
            }
            else if (schema.Format is not null || schema.Pattern is not null)
            {
                if (hint is not PickHint)
                {
                    options.Add(generated);
                }
            }
            else
            {
                if (hint is not PickHint)
                {
                    options.Add(generated);
                }

                var shortest = schema.MinLength ?? 0;
                var longest = schema.MaxLength ?? UnboundedLength;
                AddFitting(options, schema, [Text(shortest), Text(longest), NonAscii.Length <= longest ? NonAscii : NonAscii[..longest]]);
            }
        }
    }

    /// <summary>Bounds as values, kept only when they are multiples of the schema's <c>multipleOf</c> (a published spec's; ours have none).</summary>
    private static void AddMultiples(List<EdgeOption> options, SchemaNode schema, decimal[] candidates, bool integer)
    {
        foreach (var candidate in candidates.Where(c => schema.MultipleOf is not { } step || c % step == 0))
        {
            options.Add(integer ? EdgeOption.Value((long)candidate) : EdgeOption.Value(candidate));
        }
    }

    private static void AddFitting(List<EdgeOption> options, SchemaNode schema, IEnumerable<JsonNode> candidates)
    {
        foreach (var candidate in candidates)
        {
            if (Fits(schema, candidate) && !options.Any(o => o.Kind == EdgeKind.Literal && JsonNode.DeepEquals(o.Literal, candidate)))
            {
                options.Add(EdgeOption.Value(candidate));
            }
        }
    }

    private static bool Fits(SchemaNode schema, JsonNode candidate) =>
        candidate is not JsonValue value || !value.TryGetValue<string>(out var text)
        || (text.Length >= (schema.MinLength ?? 0) && text.Length <= (schema.MaxLength ?? int.MaxValue) && (schema.Pattern?.IsMatch(text) ?? true));

    /// <summary>Whole and fractional durations, the shortest and the longest fraction, a negative one: the pattern keeps those it allows.</summary>
    private static IEnumerable<JsonNode> Durations(DurationHint hint)
    {
        string Seconds(decimal s) => s.ToString(CultureInfo.InvariantCulture) + "s";
        yield return Seconds(hint.MinSeconds);
        yield return Seconds(hint.MaxSeconds);
        yield return Seconds(hint.MinSeconds + 0.5m);
        yield return Seconds(hint.MaxSeconds - 1 + 0.123456789m);
        yield return Seconds(-1.5m);
    }

    private static JsonNode Decimal(decimal value, int places) =>
        value.ToString("F" + places.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    private static JsonNode Text(int length)
    {
        var text = new System.Text.StringBuilder(length);
        while (text.Length < length)
        {
            text.Append(LongText);
        }

        return text.ToString(0, length);
    }
}
