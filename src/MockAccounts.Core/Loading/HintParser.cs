using System.Text.Json.Nodes;
using MockAccounts.Core.Generation;
using MockAccounts.Core.Json;

namespace MockAccounts.Core.Loading;

/// <summary>Parses an <c>x-mock</c> / <c>$mock</c> hint; problems name the hint's location.</summary>
internal static class HintParser
{
    private static readonly string[] Kinds =
        ["const", "pick", "faker", "template", "uuid", "int", "decimal", "duration", "date", "copy", "when", "array", "subset", "absent", "perRequest"];

    public static Hint? Parse(JsonNode? node, string location, Action<string, string> fail)
    {
        if (node is not JsonObject hint || hint.Count == 0 || (hint.Count > 1 && !hint.ContainsKey("when")))
        {
            fail(location, $"a hint is an object with exactly one of: {string.Join(", ", Kinds)}");
            return null;
        }

        var (kind, value) = hint.ContainsKey("when") ? ("when", hint["when"]) : (hint.First().Key, hint.First().Value);
        var at = JsonPointer.Append(location, kind);
        try
        {
            return kind switch
            {
                "const" => new ConstHint(value?.DeepClone()),
                "pick" => new PickHint(List(value)),
                "faker" => Faker(Text(value)),
                "template" => new TemplateHint(TemplateText.Parse(Text(value))),
                "uuid" => new UuidHint(),
                "int" => new IntHint((long)Number(value, "min"), (long)Number(value, "max")),
                "decimal" => new DecimalHint(Number(value, "min"), Number(value, "max"), (int)Number(value, "places")),
                "duration" => Duration(value),
                "date" => new DateHint(Offset(value, "from"), Offset(value, "to")),
                "copy" => new CopyHint(Pointer(Text(value))),
                "when" => When(hint, location, fail),
                "array" => new ArrayHint((int)Number(value, "min"), (int)Number(value, "max")),
                "subset" => new SubsetHint(List(value)),
                "absent" => value is JsonValue v && v.TryGetValue<bool>(out var absent) && absent ? new AbsentHint() : throw new FormatException("expected true"),
                "perRequest" => PerRequest(value, at, fail),
                _ => throw new FormatException($"unknown hint '{kind}' (expected one of: {string.Join(", ", Kinds)})"),
            };
        }
        catch (FormatException e)
        {
            fail(at, e.Message);
            return null;
        }
    }

    private static WhenHint? When(JsonObject hint, string location, Action<string, string> fail)
    {
        var unknown = hint.Select(p => p.Key).Except(["when", "then", "else"]).ToArray();
        if (unknown.Length > 0)
        {
            throw new FormatException($"unknown key '{unknown[0]}' in a when-hint (expected when, then, else)");
        }

        if (hint["when"] is not JsonObject condition || condition["path"] is not JsonValue
            || condition.Count != 2 || (!condition.ContainsKey("equals") && !condition.ContainsKey("in")))
        {
            throw new FormatException("expected {\"path\": \"/pointer\", \"equals\": value} or {\"path\": ..., \"in\": [values]}");
        }

        var pointer = Pointer(Text(condition["path"]));
        var values = condition.ContainsKey("equals") ? [condition["equals"]?.DeepClone()] : List(condition["in"]);
        var then = hint["then"] is null ? null : Parse(hint["then"], JsonPointer.Append(location, "then"), fail);
        var otherwise = hint["else"] is null ? null : Parse(hint["else"], JsonPointer.Append(location, "else"), fail);
        return new WhenHint(pointer, values, then, otherwise);
    }

    private static DurationHint Duration(JsonNode? value)
    {
        var places = value is JsonObject obj && obj.ContainsKey("places") ? Number(value, "places") : 0;
        return places is >= 0 and <= 9 && places == decimal.Truncate(places)
            ? new DurationHint((long)Number(value, "min"), (long)Number(value, "max"), (int)places)
            : throw new FormatException($"expected 'places' from 0 to 9 (fractional digits), found {places}");
    }

    private static PerRequestHint? PerRequest(JsonNode? value, string location, Action<string, string> fail) =>
        Parse(value, location, fail) switch
        {
            null => null,
            PerRequestHint or WhenHint or CopyHint or AbsentHint => throw new FormatException("expected a value hint (template, uuid, pick, int, …), not perRequest, when, copy or absent"),
            var inner => new PerRequestHint(inner),
        };

    private static FakerHint Faker(string name) => FakerRegistry.Exists(name)
        ? new FakerHint(name)
        : throw new FormatException($"unknown faker '{name}' (expected one of: {string.Join(", ", FakerRegistry.Names)})");

    private static string Text(JsonNode? node) =>
        node is JsonValue v && v.TryGetValue<string>(out var text) ? text : throw new FormatException("expected a string");

    private static string Pointer(string text) =>
        JsonPointer.IsValid(text) ? text : throw new FormatException($"'{text}' is not a JSON pointer (expected e.g. /billing/stripe)");

    private static List<JsonNode?> List(JsonNode? node) => node is JsonArray { Count: > 0 } array
        ? array.Select(v => v?.DeepClone()).ToList()
        : throw new FormatException("expected a non-empty array of values");

    private static decimal Number(JsonNode? node, string key) =>
        node is JsonObject obj && obj[key] is JsonValue v && v.TryGetValue<decimal>(out var n)
            ? n
            : throw new FormatException($"expected an object with a number '{key}'");

    private static RelativeTime Offset(JsonNode? node, string key) =>
        node is JsonObject obj && obj[key] is JsonValue v && v.TryGetValue<string>(out var text) && RelativeTime.TryParse(text, out var time)
            ? time!
            : throw new FormatException($"expected '{key}' as an offset such as \"-3y\", \"+7d\" or \"0s\"");
}
