using System.Text.Json;
using System.Text.Json.Nodes;

namespace MockAccounts.Core.Mappings;

/// <summary>
/// One WireMock value matcher (<c>equalTo</c>, <c>contains</c>, <c>matches</c>, <c>doesNotMatch</c>,
/// <c>absent</c>, <c>equalToJson</c>, <c>matchesJsonPath</c>) with its modifiers, applied to a header,
/// query parameter, cookie, body or metadata value. Regular expressions and JSONPath run within the
/// request's <see cref="MatchBudget"/>; when it is spent there is no answer (an exception), so a
/// <c>doesNotMatch</c> that could not finish never counts as a match.
/// </summary>
public sealed class ValuePattern
{
    /// <summary>The operators a value pattern may use; exactly one per pattern.</summary>
    public static readonly IReadOnlyList<string> Operators = ["equalTo", "contains", "matches", "doesNotMatch", "absent", "equalToJson", "matchesJsonPath"];

    private static readonly Dictionary<string, string[]> ModifiersOf = new()
    {
        ["equalTo"] = ["caseInsensitive"],
        ["equalToJson"] = ["ignoreArrayOrder", "ignoreExtraElements"],
    };

    private readonly Func<string?, MatchBudget, bool> _test;

    private ValuePattern(string @operator, Func<string?, MatchBudget, bool> test)
    {
        Operator = @operator;
        _test = test;
    }

    /// <summary>The operator this pattern applies, e.g. <c>equalTo</c>.</summary>
    public string Operator { get; }

    /// <summary>True when <paramref name="value"/> (null: not present) satisfies the pattern.</summary>
    /// <param name="value">The value, or null when the request lacks it.</param>
    /// <param name="budget">What matching may still spend.</param>
    /// <exception cref="MatchBudgetSpentException">The budget ran out before there was an answer.</exception>
    public bool Matches(string? value, MatchBudget budget) => _test(value, budget);

    /// <summary>Parses <c>{"equalTo": "x", "caseInsensitive": true}</c> and its kin; problems name <paramref name="where"/>.</summary>
    public static ValuePattern? Parse(JsonNode? json, string where, List<string> problems)
    {
        if (json is not JsonObject pattern)
        {
            problems.Add($"{where}: expected an object with one of {string.Join(", ", Operators)}");
            return null;
        }

        var operators = pattern.Select(p => p.Key).Where(Operators.Contains).ToArray();
        if (operators.Length != 1)
        {
            problems.Add($"{where}: expected exactly one of {string.Join(", ", Operators)} (found {(operators.Length == 0 ? "none" : string.Join(", ", operators))})");
            return null;
        }

        var op = operators[0];
        var allowed = ModifiersOf.GetValueOrDefault(op, []);
        var unsupported = pattern.Select(p => p.Key).FirstOrDefault(k => k != op && !allowed.Contains(k));
        if (unsupported is not null)
        {
            problems.Add($"{where}.{unsupported}: not supported with '{op}' (supported here: {string.Join(", ", allowed.Prepend(op))})");
            return null;
        }

        foreach (var modifier in allowed.Where(pattern.ContainsKey))
        {
            if (!IsBoolean(pattern[modifier]))
            {
                problems.Add($"{where}.{modifier}: expected true or false");
                return null;
            }
        }

        bool Flag(string name) => pattern[name] is JsonValue v && v.GetValueKind() == JsonValueKind.True;
        var operand = pattern[op];
        var at = $"{where}.{op}";
        switch (op)
        {
            case "absent":
                if (!IsBoolean(operand))
                {
                    problems.Add($"{at}: expected true or false");
                    return null;
                }

                var absent = operand!.GetValue<bool>();
                return new ValuePattern(op, (value, _) => (value is null) == absent);
            case "equalToJson":
                return ParseEqualToJson(operand, at, Flag("ignoreArrayOrder"), Flag("ignoreExtraElements"), problems);
            case "matchesJsonPath":
                return ParseJsonPath(operand, at, problems);
        }

        if (!IsString(operand))
        {
            problems.Add($"{at}: expected a string");
            return null;
        }

        var text = operand!.GetValue<string>();
        var comparison = Flag("caseInsensitive") ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        switch (op)
        {
            case "equalTo":
                return new ValuePattern(op, (value, _) => string.Equals(value, text, comparison));
            case "contains":
                return new ValuePattern(op, (value, _) => value?.Contains(text, comparison) == true);
            default:
                var regex = TimedRegex.Compile(text, at, problems);
                if (regex is null)
                {
                    return null;
                }

                // As in WireMock, a missing value does not match a regex, so doesNotMatch accepts it.
                return op == "matches"
                    ? new ValuePattern(op, (value, budget) => value is not null && regex.IsMatch(value, budget))
                    : new ValuePattern(op, (value, budget) => value is null || !regex.IsMatch(value, budget));
        }
    }

    private static ValuePattern? ParseEqualToJson(JsonNode? operand, string at, bool ignoreArrayOrder, bool ignoreExtraElements, List<string> problems)
    {
        JsonNode? expected = operand;
        if (IsString(operand))
        {
            try
            {
                expected = JsonNode.Parse(operand!.GetValue<string>(), documentOptions: new JsonDocumentOptions { AllowDuplicateProperties = false });
            }
            catch (JsonException e)
            {
                problems.Add($"{at}: not valid JSON ({e.Message})");
                return null;
            }
        }

        var comparer = new JsonComparison(ignoreArrayOrder, ignoreExtraElements);
        return new ValuePattern("equalToJson", (value, budget) =>
        {
            budget.ThrowIfSpent();
            return JsonComparison.TryParse(value, out var actual) && comparer.Equal(expected, actual);
        });
    }

    private static ValuePattern? ParseJsonPath(JsonNode? operand, string at, List<string> problems)
    {
        if (IsString(operand))
        {
            var path = JsonPathQuery.Parse(operand!.GetValue<string>(), at, problems);
            return path is null ? null : new ValuePattern("matchesJsonPath", (value, budget) => path.Select(value, budget).Any());
        }

        if (operand is not JsonObject withPattern || !IsString(withPattern["expression"]))
        {
            problems.Add($"{at}: expected a JSONPath string, or {{\"expression\": \"$.…\", <one value pattern>}}");
            return null;
        }

        var expression = JsonPathQuery.Parse(withPattern["expression"]!.GetValue<string>(), $"{at}.expression", problems);
        var rest = new JsonObject(withPattern.Where(p => p.Key != "expression").Select(p => KeyValuePair.Create(p.Key, p.Value?.DeepClone())));
        var inner = Parse(rest, at, problems);
        return expression is null || inner is null
            ? null
            : new ValuePattern("matchesJsonPath", (value, budget) => expression.Select(value, budget).Any(selected => inner.Matches(selected, budget)));
    }

    private static bool IsBoolean(JsonNode? node) => node is JsonValue v && v.GetValueKind() is JsonValueKind.True or JsonValueKind.False;

    private static bool IsString(JsonNode? node) => node is JsonValue v && v.GetValueKind() == JsonValueKind.String;
}
