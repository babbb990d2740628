using System.Net.Http.Json;
using System.Text.Json.Nodes;
using FluentAssertions;

namespace MockAccounts.Server.Tests;

/// <summary>
/// A stub mapping that would break requests is refused when made (400 naming the field or the setting); what can
/// only go wrong per request (a template's output or time, a header it renders) answers a problem naming the cause,
/// and the journal records it.
/// </summary>
public sealed class StubSafetyTests
{
    private const string NestedEach =
        "{{#each request.pathSegments}}{{#each ../request.pathSegments}}{{#each ../../request.pathSegments}}{{this}}{{/each}}{{/each}}{{/each}}";

    [TestCase("""{"request": {"urlPath": "/h"}, "response": {"headers": {"X-Split": "a\r\nSet-Cookie: stolen=1"}}}""", "response.headers.X-Split: a header value cannot hold a line break")]
    [TestCase("""{"request": {"urlPath": "/h"}, "response": {"headers": {"X-Accent": "café"}}}""", "response.headers.X-Accent: a header value cannot hold non-ASCII character U+00E9")]
    [TestCase("""{"request": {"urlPath": "/h"}, "response": {"headers": {"Bad Name": "x"}}}""", "response.headers: 'Bad Name' is not a header name")]
    [TestCase("""{"request": {"urlPath": "/h"}, "response": {"bodyFileName": "a\u0000b.json"}}""", "response.bodyFileName: must not hold control characters (found U+0000)")]
    public async Task A_mapping_that_could_only_fail_when_it_answers_is_refused_when_made(string mapping, string detail)
    {
        await using var server = await RunningServer.StartAsync(null, "--MockAccounts:HotReload=false");

        var created = await server.Client.PostAsync("/__admin/mappings", Calls.Json(mapping));

        (await Calls.ProblemAsync(created, 400))["detail"]!.GetValue<string>().Should().Contain(detail);
        (await server.Client.GetFromJsonAsync<JsonNode>("/__admin/mappings"))!["meta"]!["total"]!.GetValue<int>().Should().Be(0);
    }

    [Test]
    public async Task A_template_over_MaxTemplateChars_is_refused_naming_the_setting()
    {
        await using var server = await RunningServer.StartAsync(null, "--MockAccounts:HotReload=false", "--MockAccounts:Mappings:MaxTemplateChars=1000");
        var mapping = new JsonObject
        {
            ["request"] = new JsonObject { ["urlPath"] = "/big" },
            ["response"] = new JsonObject { ["body"] = string.Concat(Enumerable.Repeat("{{request.path}} ", 100)), ["transformers"] = new JsonArray("response-template") },
        };

        var created = await server.Client.PostAsync("/__admin/mappings", Calls.Json(mapping.ToJsonString()));

        (await Calls.ProblemAsync(created, 400))["detail"]!.GetValue<string>().Should().Contain("more than 1000 (MockAccounts:Mappings:MaxTemplateChars)");
    }

    [Test]
    public async Task A_render_past_MaxRenderedChars_answers_500_naming_the_setting_and_is_journaled()
    {
        await using var server = await RunningServer.StartAsync(null, "--MockAccounts:HotReload=false", "--MockAccounts:Mappings:MaxRenderedChars=10000");
        (await server.Client.PostAsync("/__admin/mappings", Calls.Json("""{"request": {"urlPathPattern": "/nest/.*"}, "response": {"body": "§", "transformers": ["response-template"]}}""".Replace("§", NestedEach, StringComparison.Ordinal)))).EnsureSuccessStatusCode();

        var answer = await server.Client.GetAsync("/nest/" + string.Join("/", Enumerable.Range(0, 40).Select(i => $"s{i}")));

        var problem = await Calls.ProblemAsync(answer, 500);
        problem["title"]!.GetValue<string>().Should().Be("Response template failed");
        problem["detail"]!.GetValue<string>().Should().Contain("more than 10000 characters (MockAccounts:Mappings:MaxRenderedChars)");
        var entry = (await server.Client.GetFromJsonAsync<JsonNode>("/__admin/requests"))!["requests"]![0]!;
        entry["mockAccounts"]!["outcome"]!.GetValue<string>().Should().Be("error");
        entry["stubMapping"].Should().NotBeNull();
    }

    [TestCase("/echo?x=caf%C3%A9", "response.headers.X-Echo rendered a value HTTP cannot carry (non-ASCII character U+00E9")]
    [TestCase("/echo?x=a%0D%0ASet-Cookie:%20stolen", "response.headers.X-Echo rendered a value HTTP cannot carry (a line break")]
    public async Task A_header_rendering_what_HTTP_cannot_carry_answers_a_problem_not_an_empty_500(string target, string detail)
    {
        await using var server = await RunningServer.StartAsync(null, "--MockAccounts:HotReload=false");
        (await server.Client.PostAsync("/__admin/mappings", Calls.Json("""{"request": {"urlPath": "/echo"}, "response": {"status": 200, "headers": {"X-Echo": "{{request.query.x}}"}, "transformers": ["response-template"]}}"""))).EnsureSuccessStatusCode();

        var answer = await server.Client.GetAsync(target);

        (await Calls.ProblemAsync(answer, 500))["detail"]!.GetValue<string>().Should().Contain(detail);
        (await server.Client.GetFromJsonAsync<JsonNode>("/__admin/requests"))!["requests"]![0]!["mockAccounts"]!["outcome"]!.GetValue<string>().Should().Be("error");
    }

    [Test]
    public async Task A_now_offset_past_the_calendar_answers_a_problem_naming_it()
    {
        await using var server = await RunningServer.StartAsync(null, "--MockAccounts:HotReload=false");
        (await server.Client.PostAsync("/__admin/mappings", Calls.Json("""{"request": {"urlPath": "/when"}, "response": {"body": "{{now offset='2147483647 years'}}", "transformers": ["response-template"]}}"""))).EnsureSuccessStatusCode();

        var answer = await server.Client.GetAsync("/when");

        (await Calls.ProblemAsync(answer, 500))["detail"]!.GetValue<string>().Should().Contain("now offset='2147483647 years'");
    }
}
