using System.Text;
using System.Text.Json.Nodes;
using FluentAssertions;
using MockAccounts.Core.Http;
using MockAccounts.Core.Mappings;
using MockAccounts.Core.Runtime;

namespace MockAccounts.Core.Tests;

/// <summary>WireMock's mapping JSON: what is understood, how requests match, and how anything else is refused.</summary>
public sealed class StubMappingParserTests
{
    private static StubMapping Parse(string json)
    {
        var problems = new List<string>();
        var mapping = StubMappingParser.Parse(JsonNode.Parse(json), name => name == "hello.txt" ? "hi"u8.ToArray() : null, problems);
        problems.Should().BeEmpty();
        return mapping!;
    }

    private static MatchBudget Budget() => new(TimeSpan.FromSeconds(10), "test budget");

    private static List<string> Problems(string json)
    {
        var problems = new List<string>();
        StubMappingParser.Parse(JsonNode.Parse(json), _ => null, problems).Should().BeNull();
        return problems;
    }

    private static RequestView Request(string method, string pathAndQuery, string body = "", params (string Name, string Value)[] headers)
    {
        var query = pathAndQuery.IndexOf('?', StringComparison.Ordinal);
        return new RequestView(new MockRequest(
            method,
            query < 0 ? pathAndQuery : pathAndQuery[..query],
            name => headers.FirstOrDefault(h => string.Equals(h.Name, name, StringComparison.OrdinalIgnoreCase)).Value,
            Encoding.UTF8.GetBytes(body),
            query < 0 ? "" : pathAndQuery[query..]));
    }

    [Test]
    public void Defaults_are_WireMocks()
    {
        var mapping = Parse("""{"request": {"urlPath": "/a"}, "response": {}}""");

        mapping.Priority.Should().Be(5);
        mapping.Response.Status.Should().Be(200);
        mapping.Request.Method.Should().BeNull("no method matches any");
        mapping.Json["id"]!.GetValue<string>().Should().Be(mapping.Id.ToString()).And.Be(mapping.Json["uuid"]!.GetValue<string>());
        mapping.Json["response"]!["status"]!.GetValue<int>().Should().Be(200);
    }

    [TestCase("""{"equalTo": "a"}""", "a", true)]
    [TestCase("""{"equalTo": "a"}""", "A", false)]
    [TestCase("""{"equalTo": "a", "caseInsensitive": true}""", "A", true)]
    [TestCase("""{"contains": "b"}""", "abc", true)]
    [TestCase("""{"matches": "[0-9]+"}""", "12", true)]
    [TestCase("""{"matches": "[0-9]+"}""", "12a", false)]
    [TestCase("""{"matches": "[0-9]+"}""", null, false)]
    [TestCase("""{"doesNotMatch": "x.*"}""", "yes", true)]
    [TestCase("""{"doesNotMatch": "x.*"}""", "xyz", false)]
    [TestCase("""{"doesNotMatch": "x.*"}""", null, true)]
    [TestCase("""{"absent": true}""", null, true)]
    [TestCase("""{"absent": true}""", "", false)]
    [TestCase("""{"equalToJson": {"a": [1, 2]}}""", """{"a": [1.0, 2]}""", true)]
    [TestCase("""{"equalToJson": {"a": [1, 2]}}""", """{"a": [2, 1]}""", false)]
    [TestCase("""{"equalToJson": {"a": [1, 2]}, "ignoreArrayOrder": true}""", """{"a": [2, 1]}""", true)]
    [TestCase("""{"equalToJson": "{\"a\": 1}"}""", """{"a": 1, "b": 2}""", false)]
    [TestCase("""{"equalToJson": "{\"a\": 1}", "ignoreExtraElements": true}""", """{"a": 1, "b": 2}""", true)]
    [TestCase("""{"equalToJson": {"a": 1}}""", "not json", false)]
    [TestCase("""{"matchesJsonPath": "$.a.b"}""", """{"a": {"b": null}}""", true)]
    [TestCase("""{"matchesJsonPath": "$.a.c"}""", """{"a": {"b": 1}}""", false)]
    [TestCase("""{"matchesJsonPath": "$.items[?(@.n > 2)]"}""", """{"items": [{"n": 3}]}""", true)]
    [TestCase("""{"matchesJsonPath": {"expression": "$.when", "equalTo": "2026-01-01T00:00:00Z"}}""", """{"when": "2026-01-01T00:00:00Z"}""", true)]
    public void Value_patterns_match_as_WireMocks_do(string pattern, string? value, bool matches)
    {
        var problems = new List<string>();

        var parsed = ValuePattern.Parse(JsonNode.Parse(pattern), "p", problems);

        problems.Should().BeEmpty();
        parsed!.Matches(value, Budget()).Should().Be(matches);
    }

    [Test]
    public void Request_fields_all_have_to_match()
    {
        var mapping = Parse("""
            {"request": {"method": "POST", "urlPathPattern": "/orders/[0-9]+", "queryParameters": {"dry": {"equalTo": "1"}},
                         "headers": {"X-Team": {"equalTo": "core"}}, "cookies": {"s": {"equalTo": "v"}},
                         "bodyPatterns": [{"matchesJsonPath": "$.id"}], "basicAuthCredentials": {"username": "u", "password": "p"}},
             "response": {}}
            """);
        (string, string)[] headers = [("X-Team", "core"), ("Cookie", "a=b; s=v"), ("Authorization", "Basic dTpw")];

        mapping.Request.Matches(Request("POST", "/orders/12?dry=1", """{"id": 1}""", headers), Budget()).Should().BeTrue();
        mapping.Request.Matches(Request("GET", "/orders/12?dry=1", """{"id": 1}""", headers), Budget()).Should().BeFalse();
        mapping.Request.Matches(Request("POST", "/orders/x?dry=1", """{"id": 1}""", headers), Budget()).Should().BeFalse();
        mapping.Request.Matches(Request("POST", "/orders/12?dry=0", """{"id": 1}""", headers), Budget()).Should().BeFalse();
        mapping.Request.Matches(Request("POST", "/orders/12?dry=1", """{"no": 1}""", headers), Budget()).Should().BeFalse();
        mapping.Request.Matches(Request("POST", "/orders/12?dry=1", """{"id": 1}""", headers[..2]), Budget()).Should().BeFalse();
        mapping.Request.Distance(Request("POST", "/orders/12?dry=0", """{"id": 1}""", headers), Budget()).Should().BeInRange(0.01, 0.5);
    }

    [Test]
    public void Bodies_come_from_text_json_base64_or_files()
    {
        Encoding.UTF8.GetString(Parse("""{"request": {"url": "/a"}, "response": {"jsonBody": {"a": [1]}}}""").Response.Body).Should().Be("""{"a":[1]}""");
        Encoding.UTF8.GetString(Parse("""{"request": {"url": "/a"}, "response": {"base64Body": "aGk="}}""").Response.Body).Should().Be("hi");
        Encoding.UTF8.GetString(Parse("""{"request": {"url": "/a"}, "response": {"bodyFileName": "hello.txt"}}""").Response.Body).Should().Be("hi");
    }

    [Test]
    public void A_template_renders_per_request()
    {
        var mapping = Parse("""{"request": {"urlPath": "/a"}, "response": {"body": "{{request.query.x}}-{{randomValue length=4 type='NUMERIC'}}", "transformers": ["response-template"]}}""");

        var body = Encoding.UTF8.GetString(mapping.Response.Render(Request("GET", "/a?x=7"), TimeProvider.System, TemplateLimits.Default).Body);

        body.Should().MatchRegex("^7-[0-9]{4}$");
    }

    [TestCase(1000, null, 0.0, 0.0, 1000, 1000)]
    [TestCase(0, "uniform", 10.0, 20.0, 10, 20)]
    [TestCase(5, "uniform", 10.0, 10.0, 15, 15)]
    public void Delays_stay_within_their_distribution(int fixedMs, string? distribution, double first, double second, int min, int max)
    {
        var delay = new StubDelay(fixedMs, distribution, first, second);
        var random = new Random(7);

        var samples = Enumerable.Range(0, 200).Select(_ => delay.Sample(random).TotalMilliseconds).ToArray();

        samples.Should().OnlyContain(ms => ms >= min && ms <= max);
    }

    [Test]
    public void A_lognormal_delay_centres_on_its_median()
    {
        var delay = new StubDelay(0, "lognormal", 100, 0.1);
        var random = new Random(7);

        var samples = Enumerable.Range(0, 1001).Select(_ => delay.Sample(random).TotalMilliseconds).Order().ToArray();

        samples[500].Should().BeInRange(90, 110);
    }

    [TestCase(1.0, 20.0)]
    [TestCase(600_000.0, 20.0)]
    [TestCase(0.0, 600_000.0)]
    public void A_lognormal_draw_never_waits_past_600_seconds_nor_overflows(double median, double sigma)
    {
        var delay = new StubDelay(600_000, "lognormal", median, sigma);
        var random = new Random(24);

        var samples = Enumerable.Range(0, 100_000).Select(_ => delay.Sample(random)).ToArray();

        samples.Should().OnlyContain(d => d >= TimeSpan.Zero && d <= TimeSpan.FromSeconds(600));
    }

    [TestCase("""{"request": {"urlPath": "/a", "urlPattern": "/b"}, "response": {}}""", "request.urlPattern: only one of url, urlPath, urlPattern, urlPathPattern")]
    [TestCase("""{"request": {"urlPath": "/a"}, "response": {"body": "a", "jsonBody": {}}}""", "response.jsonBody: only one of body, jsonBody, base64Body, bodyFileName")]
    [TestCase("""{"request": {"urlPath": "/a"}, "response": {"bodyFileName": "../etc/passwd"}}""", "must be a relative path inside __files/")]
    [TestCase("""{"request": {"urlPath": "/a"}, "response": {"status": 700}}""", "response.status: expected a whole number from 100 to 599")]
    [TestCase("""{"request": {"urlPath": "/a"}, "response": {}, "newScenarioState": "x"}""", "newScenarioState: needs a scenarioName")]
    [TestCase("""{"id": "nope", "request": {"urlPath": "/a"}, "response": {}}""", "id: expected a UUID")]
    [TestCase("""{"request": {"urlPath": "/a", "bodyPatterns": [{"equalToXml": "<a/>"}]}, "response": {}}""", "request.bodyPatterns[0]: expected exactly one of equalTo")]
    [TestCase("""{"request": {"urlPath": "/a", "bodyPatterns": [{"matchesJsonPath": "$[?("}]}, "response": {}}""", "is not a valid JSONPath expression")]
    [TestCase("""{"request": {"urlPath": "/a"}, "response": {"body": "{{#each items}}never closed", "transformers": ["response-template"]}}""", "response.body: not a valid response template")]
    public void Anything_outside_the_subset_or_malformed_is_named(string json, string problem)
    {
        Problems(json).Should().Contain(p => p.Contains(problem, StringComparison.Ordinal));
    }
}
