using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace MockAccounts.Server.Journal;

/// <summary>
/// WireMock's request pattern, as far as the journal needs it: method, url / urlPath /
/// urlPattern / urlPathPattern, and headers matched with equalTo / contains / matches / absent.
/// </summary>
public sealed class RequestPattern
{
    private static readonly TimeSpan RegexTimeout = TimeSpan.FromMilliseconds(200);
    private static readonly string[] Keys = ["method", "url", "urlPath", "urlPattern", "urlPathPattern", "headers"];
    private static readonly string[] HeaderKeys = ["equalTo", "contains", "matches", "absent", "caseInsensitive"];

    private readonly List<Func<JournalEntry, bool>> _checks = [];

    private RequestPattern() { }

    /// <summary>Parses a pattern; every unsupported or malformed part is named in <paramref name="problems"/>.</summary>
    public static RequestPattern? Parse(JsonNode? json, List<string> problems)
    {
        if (json is not JsonObject obj)
        {
            problems.Add("expected a JSON object such as {\"method\": \"GET\", \"urlPath\": \"/v1/accounts/me\"}");
            return null;
        }

        var pattern = new RequestPattern();
        foreach (var (key, value) in obj)
        {
            var text = value is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
            if (key != "headers" && Keys.Contains(key) && text is null)
            {
                problems.Add($"{key}: expected a string");
                continue;
            }

            switch (key)
            {
                case "method":
                    pattern._checks.Add(e => text == "ANY" || string.Equals(e.Method, text, StringComparison.OrdinalIgnoreCase));
                    break;
                case "url":
                    pattern._checks.Add(e => e.Url == text);
                    break;
                case "urlPath":
                    pattern._checks.Add(e => e.Path == text);
                    break;
                case "urlPattern" or "urlPathPattern":
                    var regex = Compile(text!, key, problems);
                    var byPath = key == "urlPathPattern";
                    pattern._checks.Add(e => regex is not null && IsFullMatch(regex, byPath ? e.Path : e.Url));
                    break;
                case "headers":
                    pattern.AddHeaders(value, problems);
                    break;
                default:
                    problems.Add($"'{key}' is not supported in request patterns here (supported: {string.Join(", ", Keys)})");
                    break;
            }
        }

        return problems.Count == 0 ? pattern : null;
    }

    public bool Matches(JournalEntry entry) => _checks.TrueForAll(check => check(entry));

    private void AddHeaders(JsonNode? headers, List<string> problems)
    {
        if (headers is not JsonObject byName)
        {
            problems.Add("headers: expected an object of header name to matcher");
            return;
        }

        foreach (var (name, matcher) in byName)
        {
            if (matcher is not JsonObject m || m.Count == 0 || m.Any(p => !HeaderKeys.Contains(p.Key)))
            {
                problems.Add($"headers.{name}: expected one of {string.Join(", ", HeaderKeys)}");
                continue;
            }

            var wrongType = m.Where(p => p.Key is "caseInsensitive" or "absent" ? !IsBoolean(p.Value) : !IsString(p.Value)).Select(p => p.Key).ToArray();
            if (wrongType.Length > 0)
            {
                problems.Add($"headers.{name}.{wrongType[0]}: expected {(wrongType[0] is "caseInsensitive" or "absent" ? "true or false" : "a string")}");
                continue;
            }

            var ignoreCase = m["caseInsensitive"]?.GetValue<bool>() == true;
            var comparison = ignoreCase ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
            if (m["equalTo"] is JsonNode equalTo)
            {
                var expected = equalTo.ToString();
                _checks.Add(e => string.Equals(e.RequestHeader(name), expected, comparison));
            }

            if (m["contains"] is JsonNode contains)
            {
                var part = contains.ToString();
                _checks.Add(e => e.RequestHeader(name)?.Contains(part, comparison) == true);
            }

            if (m["matches"] is JsonNode matches)
            {
                var regex = Compile(matches.ToString(), $"headers.{name}.matches", problems);
                _checks.Add(e => regex is not null && e.RequestHeader(name) is { } value && IsFullMatch(regex, value));
            }

            if (m["absent"] is JsonNode absent)
            {
                var wanted = absent.GetValue<bool>();
                _checks.Add(e => (e.RequestHeader(name) is null) == wanted);
            }
        }
    }

    private static bool IsBoolean(JsonNode? node) => node is JsonValue v && v.GetValueKind() is System.Text.Json.JsonValueKind.True or System.Text.Json.JsonValueKind.False;

    private static bool IsString(JsonNode? node) => node is JsonValue v && v.GetValueKind() == System.Text.Json.JsonValueKind.String;

    private static bool IsFullMatch(Regex regex, string value)
    {
        try
        {
            return regex.IsMatch(value);
        }
        catch (RegexMatchTimeoutException)
        {
            return false;
        }
    }

    private static Regex? Compile(string pattern, string where, List<string> problems)
    {
        try
        {
            // WireMock's regex matchers match the whole value.
            return new Regex($"\\A(?:{pattern})\\z", RegexOptions.CultureInvariant, RegexTimeout);
        }
        catch (ArgumentException e)
        {
            problems.Add($"{where}: '{pattern}' is not a valid regular expression ({e.Message})");
            return null;
        }
    }
}
