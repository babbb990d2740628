using System.Globalization;
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

    /// <summary>What the expression selects in <paramref name="json"/>; empty when it is not JSON.</summary>
    public IReadOnlyList<string> Select(string? json) => Select(json, _path);

    public static IReadOnlyList<string> Select(string? json, string path)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return [];
        }

        try
        {
            // Dates stay text: Newtonsoft would otherwise turn ISO strings into DateTime values.
            using var reader = new JsonTextReader(new StringReader(json)) { DateParseHandling = DateParseHandling.None, FloatParseHandling = FloatParseHandling.Decimal };
            var document = JToken.ReadFrom(reader);
            return document.SelectTokens(path).Select(Text).ToArray();
        }
        catch (JsonException)
        {
            return [];
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
