using System.Text;
using System.Text.Json.Nodes;
using FluentAssertions;
using MockAccounts.Core.Http;
using MockAccounts.Core.Mappings;
using MockAccounts.Core.Runtime;

namespace MockAccounts.Core.Tests;

/// <summary>Response templates are bounded: their size when made, their output and their time when rendered.</summary>
public sealed class TemplateLimitTests
{
    private const string NestedEach =
        "{{#each request.pathSegments}}{{#each ../request.pathSegments}}{{#each ../../request.pathSegments}}{{this}}{{/each}}{{/each}}{{/each}}";

    private const string SilentNestedEach =
        "{{#each request.pathSegments}}{{#each ../request.pathSegments}}{{#each ../../request.pathSegments}}{{/each}}{{/each}}{{/each}}";

    private static readonly string LongPath = "/" + string.Join("/", Enumerable.Range(0, 300).Select(i => $"s{i:D3}"));

    [Test]
    public void A_template_over_the_size_limit_is_refused_before_it_is_compiled_naming_the_setting()
    {
        var problems = new List<string>();
        var mapping = Mapping(new string('x', 101) + "{{request.path}}", problems, new TemplateLimits(100, 1000, TimeSpan.FromSeconds(1)));

        mapping.Should().BeNull();
        problems.Should().ContainSingle().Which.Should().Contain("more than 100").And.Contain("MockAccounts:Mappings:MaxTemplateChars");
    }

    [Test]
    public void A_render_past_the_output_limit_stops_naming_the_setting()
    {
        var mapping = Mapping(NestedEach, [], null)!;

        var render = () => mapping.Response.Render(Request(LongPath), TimeProvider.System, new TemplateLimits(64 * 1024, 100_000, TimeSpan.FromSeconds(10)));

        render.Should().Throw<TemplateLimitException>().Which.Setting.Should().Be("MockAccounts:Mappings:MaxRenderedChars");
    }

    [Test]
    public void A_render_that_writes_nothing_still_stops_at_the_time_limit()
    {
        var mapping = Mapping(SilentNestedEach, [], null)!;

        // Every reading of this clock moves it on a millisecond: the render's own checks make time pass.
        var render = () => mapping.Response.Render(Request(LongPath), new SteppingClock(), new TemplateLimits(64 * 1024, 100_000, TimeSpan.FromMilliseconds(50)));

        render.Should().Throw<TemplateLimitException>().Which.Setting.Should().Be("MockAccounts:Mappings:MaxRenderTime");
    }

    [Test]
    public void A_now_offset_past_the_calendar_is_an_error_naming_it_not_a_crash()
    {
        var mapping = Mapping("{{now offset='2147483647 years'}}", [], null)!;

        var render = () => mapping.Response.Render(Request("/a"), TimeProvider.System, TemplateLimits.Default);

        render.Should().Throw<TemplateLimitException>().WithMessage("*now offset='2147483647 years'*");
    }

    [Test]
    public void A_header_rendering_what_HTTP_cannot_carry_is_an_error_naming_the_header()
    {
        var problems = new List<string>();
        var mapping = StubMappingParser.Parse(
            JsonNode.Parse("""{"request": {"urlPath": "/a"}, "response": {"headers": {"X-Echo": "{{request.query.x}}"}, "transformers": ["response-template"]}}"""), _ => null, problems)!;

        var render = () => mapping.Response.Render(Request("/a?x=caf%C3%A9"), TimeProvider.System, TemplateLimits.Default);

        render.Should().Throw<TemplateLimitException>().WithMessage("*response.headers.X-Echo*non-ASCII character U+00E9*");
    }

    [Test]
    public void A_template_within_its_limits_renders_as_before()
    {
        var mapping = Mapping("{{request.pathSegments.[1]}}:{{#each request.pathSegments}}{{this}},{{/each}}", [], null)!;

        var body = mapping.Response.Render(Request("/a/b/c"), TimeProvider.System, TemplateLimits.Default).Body;

        Encoding.UTF8.GetString(body).Should().Be("b:a,b,c,");
    }

    private static StubMapping? Mapping(string body, List<string> problems, TemplateLimits? limits) =>
        StubMappingParser.Parse(
            new JsonObject
            {
                ["request"] = new JsonObject { ["urlPathPattern"] = "/.*" },
                ["response"] = new JsonObject { ["body"] = body, ["transformers"] = new JsonArray("response-template") },
            },
            _ => null,
            problems,
            limits);

    private static RequestView Request(string pathAndQuery)
    {
        var query = pathAndQuery.IndexOf('?', StringComparison.Ordinal);
        return new RequestView(new MockRequest("GET", query < 0 ? pathAndQuery : pathAndQuery[..query], _ => null, ReadOnlyMemory<byte>.Empty, query < 0 ? "" : pathAndQuery[query..]));
    }

    /// <summary>A clock that moves on one millisecond every time it is read.</summary>
    private sealed class SteppingClock : TimeProvider
    {
        private long _ticks;

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp() => Interlocked.Add(ref _ticks, TimeSpan.TicksPerMillisecond);
    }
}
