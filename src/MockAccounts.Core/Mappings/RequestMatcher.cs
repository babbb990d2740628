using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace MockAccounts.Core.Mappings;

/// <summary>
/// WireMock's request pattern: method (or <c>ANY</c>), one of url / urlPath / urlPattern / urlPathPattern,
/// queryParameters, headers, cookies, bodyPatterns and basicAuthCredentials. Stub mappings and the
/// request journal's find / count / remove share it.
/// </summary>
public sealed class RequestMatcher
{
    /// <summary>The request-pattern fields understood here.</summary>
    public static readonly IReadOnlyList<string> Fields =
        ["method", "url", "urlPath", "urlPattern", "urlPathPattern", "queryParameters", "headers", "cookies", "bodyPatterns", "basicAuthCredentials"];

    private static readonly string[] UrlFields = ["url", "urlPath", "urlPattern", "urlPathPattern"];

    /// <summary>How much of each URL near misses compare (edit distance costs the product of the lengths).</summary>
    private const int EditDistanceChars = 1024;

    private readonly List<Check> _checks = [];

    private RequestMatcher() { }

    /// <summary>The method asked for, or null for any.</summary>
    public string? Method { get; private set; }

    /// <summary>The exact path when the pattern names one (<c>url</c> without a query, or <c>urlPath</c>).</summary>
    public string? ExactPath { get; private set; }

    /// <summary>Parses a pattern; every unsupported or malformed part is named in <paramref name="problems"/>, prefixed by <paramref name="where"/>.</summary>
    /// <param name="json">The request pattern.</param>
    /// <param name="problems">Receives every reason the pattern is refused.</param>
    /// <param name="where">The field the pattern is in, prefixed to every problem.</param>
    /// <param name="redacted">For a journal that keeps credentials only as digests: which fields hold them and how they were digested; null for stub mappings (which see requests whole).</param>
    public static RequestMatcher? Parse(JsonNode? json, List<string> problems, string where = "", RedactedCredentials? redacted = null)
    {
        var prefix = where.Length == 0 ? "" : where + ".";
        if (json is not JsonObject obj)
        {
            problems.Add($"{(where.Length == 0 ? "request pattern" : where)}: expected a JSON object such as {{\"method\": \"GET\", \"urlPath\": \"/v1/accounts/me\"}}");
            return null;
        }

        var before = problems.Count;
        var matcher = new RequestMatcher();
        var urls = obj.Select(p => p.Key).Where(UrlFields.Contains).ToArray();
        if (urls.Length > 1)
        {
            problems.Add($"{prefix}{urls[1]}: only one of {string.Join(", ", UrlFields)} may be given (found {string.Join(", ", urls)})");
        }

        foreach (var (key, value) in obj)
        {
            var at = prefix + key;
            switch (key)
            {
                case "method":
                    if (Text(value, at, problems) is { } method && method != "ANY")
                    {
                        matcher.Method = method.ToUpperInvariant();
                        matcher.Add("method", (r, _) => string.Equals(r.Method, method, StringComparison.OrdinalIgnoreCase));
                    }

                    break;
                case "url":
                    if (Text(value, at, problems) is { } url)
                    {
                        matcher.ExactPath = url.Contains('?', StringComparison.Ordinal) ? null : url;
                        matcher.Add("url", (r, _) => r.Url == url, r => EditDistance(url, r.Url));
                    }

                    break;
                case "urlPath":
                    if (Text(value, at, problems) is { } path)
                    {
                        matcher.ExactPath = path;
                        matcher.Add("url", (r, _) => r.Path == path, r => EditDistance(path, r.Path));
                    }

                    break;
                case "urlPattern" or "urlPathPattern":
                    if (Text(value, at, problems) is { } text && TimedRegex.Compile(text, at, problems) is { } regex)
                    {
                        var byPath = key == "urlPathPattern";
                        matcher.Add("url", (r, budget) => regex.IsMatch(byPath ? r.Path : r.Url, budget));
                    }

                    break;
                case "queryParameters":
                    matcher.AddNamed(value, at, problems, (r, name) => r.QueryValues(name), "query parameter", redacted, redacted?.QueryParameters);
                    break;
                case "headers":
                    matcher.AddNamed(value, at, problems, (r, name) => r.Header(name) is { } h ? [h] : [], "header", redacted, redacted?.Headers);
                    break;
                case "cookies" when redacted is not null:
                    problems.Add($"{at}: the journal keeps only a digest of the Cookie header while {redacted.Setting} is false, so cookies cannot be matched (set it to true to match them)");
                    break;
                case "cookies":
                    matcher.AddNamed(value, at, problems, (r, name) => r.Cookies.TryGetValue(name, out var c) ? [c] : [], "cookie");
                    break;
                case "bodyPatterns":
                    matcher.AddBody(value, at, problems);
                    break;
                case "basicAuthCredentials":
                    matcher.AddBasicAuth(value, at, problems, redacted);
                    break;
                default:
                    problems.Add($"{at}: not supported here (supported request fields: {string.Join(", ", Fields)})");
                    break;
            }
        }

        return problems.Count == before ? matcher : null;
    }

    /// <summary>Whether the request satisfies every condition of the mapping's <c>request</c>.</summary>
    /// <param name="request">The request being served.</param>
    /// <param name="budget">What matching may still spend.</param>
    /// <exception cref="MatchBudgetSpentException">The budget ran out before there was an answer.</exception>
    public bool Matches(RequestView request, MatchBudget budget)
    {
        foreach (var check in _checks)
        {
            if (!check.Test(request, budget))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>How far a request is from this pattern: 0 when it matches, 1 when nothing does (for near misses).</summary>
    /// <param name="request">The request that matched no mapping.</param>
    /// <param name="budget">What matching may still spend.</param>
    /// <exception cref="MatchBudgetSpentException">The budget ran out before there was an answer.</exception>
    public double Distance(RequestView request, MatchBudget budget)
    {
        budget.ThrowIfSpent();
        if (_checks.Count == 0)
        {
            return 0;
        }

        // The URL weighs most, as in WireMock's near misses: a request for another path is far away.
        double total = 0, missed = 0;
        foreach (var check in _checks)
        {
            var weight = check.Field == "url" ? 3 : 1;
            total += weight;
            missed += check.Test(request, budget) ? 0 : weight * (check.Distance?.Invoke(request) ?? 1);
        }

        return missed / total;
    }

    /// <summary>
    /// Levenshtein distance over the longer length: how unlike two URLs are, from 0 (same) to 1. Its cost is the
    /// product of the lengths, so only their first <see cref="EditDistanceChars"/> characters are compared.
    /// </summary>
    private static double EditDistance(string expected, string actual)
    {
        expected = expected.Length > EditDistanceChars ? expected[..EditDistanceChars] : expected;
        actual = actual.Length > EditDistanceChars ? actual[..EditDistanceChars] : actual;
        if (expected.Length == 0 || actual.Length == 0)
        {
            return expected.Length == actual.Length ? 0 : 1;
        }

        var previous = Enumerable.Range(0, actual.Length + 1).ToArray();
        var current = new int[actual.Length + 1];
        for (var i = 1; i <= expected.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= actual.Length; j++)
            {
                var substitution = previous[j - 1] + (expected[i - 1] == actual[j - 1] ? 0 : 1);
                current[j] = Math.Min(substitution, Math.Min(previous[j], current[j - 1]) + 1);
            }

            (previous, current) = (current, previous);
        }

        return (double)previous[actual.Length] / Math.Max(expected.Length, actual.Length);
    }

    private void Add(string field, Func<RequestView, MatchBudget, bool> test, Func<RequestView, double>? distance = null) => _checks.Add(new Check(field, test, distance));

    private void AddNamed(
        JsonNode? json, string at, List<string> problems, Func<RequestView, string, IReadOnlyList<string>> values, string what,
        RedactedCredentials? redacted = null, IReadOnlySet<string>? secret = null)
    {
        if (json is not JsonObject byName)
        {
            problems.Add($"{at}: expected an object of {what} name to value pattern");
            return;
        }

        foreach (var (name, matcher) in byName)
        {
            if (redacted is not null && secret?.Contains(name) == true)
            {
                AddRedacted(matcher, $"{at}.{name}", problems, r => values(r, name), redacted);
                continue;
            }

            if (ValuePattern.Parse(matcher, $"{at}.{name}", problems) is not { } pattern)
            {
                continue;
            }

            // A repeated header or parameter matches when any of its values does; absent asks that there be none.
            Add(at.EndsWith("headers", StringComparison.Ordinal) ? "headers" : at, (r, budget) =>
            {
                var found = values(r, name);
                return found.Count == 0 ? pattern.Matches(null, budget) : found.Any(value => pattern.Matches(value, budget));
            });
        }
    }

    private void AddBody(JsonNode? json, string at, List<string> problems)
    {
        if (json is not JsonArray patterns)
        {
            problems.Add($"{at}: expected an array of value patterns");
            return;
        }

        for (var i = 0; i < patterns.Count; i++)
        {
            if (ValuePattern.Parse(patterns[i], $"{at}[{i}]", problems) is { } pattern)
            {
                Add("body", (r, budget) => pattern.Matches(r.Body.Length == 0 && pattern.Operator == "absent" ? null : r.Body, budget));
            }
        }
    }

    /// <summary>
    /// A credential the journal keeps only as a digest: an exact <c>equalTo</c> compares digests, <c>absent</c> asks
    /// that there be none; any other pattern could read it back, and is refused naming the setting.
    /// </summary>
    private void AddRedacted(JsonNode? json, string at, List<string> problems, Func<RequestView, IReadOnlyList<string>> values, RedactedCredentials redacted)
    {
        var keys = json is JsonObject pattern ? pattern.Select(p => p.Key).ToArray() : [];
        if (keys is ["absent"])
        {
            if (ValuePattern.Parse(json, at, problems) is { } absent)
            {
                Add("headers", (r, budget) => values(r) is [var first, ..] ? absent.Matches(first, budget) : absent.Matches(null, budget));
            }

            return;
        }

        if (keys is ["equalTo"] && json!["equalTo"] is JsonValue text && text.GetValueKind() == JsonValueKind.String)
        {
            var digest = redacted.Digest(text.GetValue<string>());
            Add("headers", (r, _) => values(r).Contains(digest, StringComparer.Ordinal));
            return;
        }

        problems.Add($"{at}: holds a credential, which the journal keeps only as a digest while {redacted.Setting} is false: " +
            "match it only with an exact {\"equalTo\": \"…\"} or {\"absent\": true} (or set the setting to true)");
    }

    private void AddBasicAuth(JsonNode? json, string at, List<string> problems, RedactedCredentials? redacted = null)
    {
        if (json is not JsonObject credentials || Text(credentials["username"], $"{at}.username", problems) is not { } user
            || Text(credentials["password"], $"{at}.password", problems) is not { } password)
        {
            problems.Add($"{at}: expected {{\"username\": \"…\", \"password\": \"…\"}}");
            return;
        }

        var expected = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}"));
        if (redacted?.Headers.Contains("Authorization") == true)
        {
            expected = redacted.Digest(expected);
        }

        Add("headers", (r, _) => r.Header("Authorization") == expected);
    }

    private static string? Text(JsonNode? node, string at, List<string> problems)
    {
        if (node is JsonValue v && v.GetValueKind() == JsonValueKind.String)
        {
            return v.GetValue<string>();
        }

        problems.Add($"{at}: expected a string");
        return null;
    }

    /// <param name="Distance">How far a failing request is, 0 to 1; without it a failure counts fully.</param>
    /// <param name="Field">The request field the condition is on, for near-miss reports.</param>
    /// <param name="Test">Whether a request satisfies the condition.</param>
    private sealed record Check(string Field, Func<RequestView, MatchBudget, bool> Test, Func<RequestView, double>? Distance);
}
