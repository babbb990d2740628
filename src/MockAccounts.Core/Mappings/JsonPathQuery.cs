using System.Globalization;
using System.Text.RegularExpressions;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace MockAccounts.Core.Mappings;

/// <summary>
/// A JSONPath expression (Newtonsoft's implementation, which NJsonSchema already brings), as used by
/// <c>matchesJsonPath</c> and the <c>jsonPath</c> template helper. Scalars select as their text,
/// objects and arrays as compact JSON.
/// </summary>
internal sealed class JsonPathQuery
{
    private readonly string _path;

    private JsonPathQuery(string path) => _path = path;

    public static JsonPathQuery? Parse(string path, string where, List<string> problems)
    {
        try
        {
            // Newtonsoft parses the path when it is first used; an empty document proves the syntax.
            _ = new JObject().SelectTokens(path).ToList();
            return new JsonPathQuery(path);
        }
        catch (JsonException e)
        {
            problems.Add($"{where}: '{path}' is not a valid JSONPath expression ({e.Message})");
            return null;
        }
    }

    /// <summary>What the expression selects in <paramref name="json"/>, lazily; nothing when it is not JSON.</summary>
    /// <param name="json">The document as text.</param>
    /// <param name="budget">What matching may still spend: checked between selected values, and the time a filter's regular expression (<c>=~</c>) may take.</param>
    /// <exception cref="MatchBudgetSpentException">The budget ran out before the selection was complete.</exception>
    public IEnumerable<string> Select(string? json, MatchBudget budget) => Select(json, _path, budget);

    /// <inheritdoc cref="Select(string?, MatchBudget)"/>
    /// <param name="json">The document as text.</param>
    /// <param name="path">The JSONPath expression.</param>
    /// <param name="budget">What matching may still spend.</param>
    public static IEnumerable<string> Select(string? json, string path, MatchBudget budget)
    {
        budget.ThrowIfSpent();
        if (string.IsNullOrWhiteSpace(json))
        {
            yield break;
        }

        JToken document;
        try
        {
            // Dates stay text: Newtonsoft would otherwise turn ISO strings into DateTime values.
            using var reader = new JsonTextReader(new StringReader(json)) { DateParseHandling = DateParseHandling.None, FloatParseHandling = FloatParseHandling.Decimal };
            document = JToken.ReadFrom(reader);
        }
        catch (JsonException)
        {
            yield break;
        }

        // A filter's =~ runs Newtonsoft's own Regex: it gets the time left as its timeout.
        var settings = new JsonSelectSettings { RegexMatchTimeout = budget.Remaining > TimeSpan.Zero ? budget.Remaining : TimeSpan.FromMilliseconds(1) };
        using var selected = document.SelectTokens(path, settings).GetEnumerator();
        var count = 0;
        while (true)
        {
            if (++count % 64 == 0)
            {
                budget.ThrowIfSpent();
            }

            try
            {
                if (!selected.MoveNext())
                {
                    yield break;
                }
            }
            catch (RegexMatchTimeoutException)
            {
                budget.Cancellation.ThrowIfCancellationRequested();
                throw new MatchBudgetSpentException(budget);
            }
            catch (JsonException)
            {
                yield break;
            }

            yield return Text(selected.Current);
        }
    }

    private static string Text(JToken token) => token switch
    {
        JValue { Type: JTokenType.String } value => (string)value!,
        JValue { Type: JTokenType.Null } => "null",
        JValue { Type: JTokenType.Boolean } value => (bool)value ? "true" : "false",
        JValue value => Convert.ToString(value.Value, CultureInfo.InvariantCulture) ?? "",
        _ => token.ToString(Formatting.None),
    };
}
