using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using FluentAssertions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Testing;
using MockAccounts.AspNetCore;
using MockAccounts.AspNetCore.Hosting;
using MockAccounts.AspNetCore.Journal;

namespace MockAccounts.Server.Tests;

/// <summary>No request ends in an empty, unrecorded 500: bad admin bodies are refused naming what is wrong, and whatever still throws answers a problem naming the cause, in the journal and the log.</summary>
public sealed class UnhandledErrorTests
{
    [TestCase("""{"request": {"urlPath": "/dup", "urlPath": "/again"}, "response": {"status": 200}}""", "urlPath")]
    [TestCase("""{"scenario": "trial", "scenario": "quota-reached"}""", "scenario")]
    public async Task An_admin_body_naming_a_field_twice_is_refused_naming_it(string body, string field)
    {
        await using var server = await RunningServer.StartAsync(null, "--MockAccounts:HotReload=false");
        var path = body.Contains("request", StringComparison.Ordinal) ? "/__admin/mappings" : "/__admin/vendors/runloop/tokens/rl_dup/scenario";

        var answer = await server.Client.SendAsync(new HttpRequestMessage(path.EndsWith("scenario", StringComparison.Ordinal) ? HttpMethod.Put : HttpMethod.Post, path) { Content = Calls.Json(body) });

        (await Calls.ProblemAsync(answer, 400))["detail"]!.GetValue<string>().Should().Contain(field).And.Contain("not valid JSON");
    }

    [Test]
    public async Task An_admin_body_that_is_not_UTF_8_is_refused_naming_the_offset()
    {
        await using var server = await RunningServer.StartAsync(null, "--MockAccounts:HotReload=false");
        var prefix = Encoding.UTF8.GetBytes("""{"request": {"urlPath": "/x"}, "response": {"body": "caf""");
        var bytes = prefix.Concat(new byte[] { 0xE9 }).Concat(Encoding.UTF8.GetBytes("\"}}")).ToArray();
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new("application/json");

        var answer = await server.Client.PostAsync("/__admin/mappings", content);

        (await Calls.ProblemAsync(answer, 400))["detail"]!.GetValue<string>().Should().Contain("not valid UTF-8").And.Contain($"offset {prefix.Length} ", "the Latin-1 é is the first byte that is not UTF-8");
    }

    [Test]
    public async Task A_vendor_body_naming_a_field_twice_gets_the_vendors_own_refusal()
    {
        await using var server = await RunningServer.StartAsync(null, "--MockAccounts:HotReload=false");
        var patch = new HttpRequestMessage(HttpMethod.Patch, "/v1/account/profile") { Content = Calls.Json("""{"name": "A", "name": "B"}""") };
        patch.Headers.Authorization = new("Bearer", "dpct_duplicate");

        var (status, _, _) = await Calls.SendAsync(server.Client, patch);

        status.Should().Be(400, "Depicta's own answer to a body it cannot read");
    }

    [Test]
    public async Task Whatever_still_throws_answers_a_problem_naming_the_cause_recorded_in_journal_and_log()
    {
        var (context, journal, logger) = Context("/v1/anything");
        var middleware = new UnhandledExceptionMiddleware(_ => throw new InvalidOperationException("the cause"), context.RequestServices, logger);

        await middleware.InvokeAsync(context);
        await context.Response.BodyWriter.FlushAsync();

        context.Response.StatusCode.Should().Be(500);
        context.Response.ContentType.Should().Be("application/problem+json");
        context.Response.Body.Position = 0;
        var problem = JsonNode.Parse(context.Response.Body)!;
        problem["detail"]!.GetValue<string>().Should().Be("MockAccounts could not answer GET /v1/anything: InvalidOperationException: the cause");
        var entry = journal.Snapshot().Should().ContainSingle().Subject;
        entry.Outcome.Should().Be(Outcomes.Error);
        entry.Status.Should().Be(500);
        logger.Collector.GetSnapshot().Should().ContainSingle(r => r.Message.Contains("InvalidOperationException", StringComparison.Ordinal));
    }

    [Test]
    public async Task An_admin_failure_is_answered_and_logged_but_not_journaled_and_a_client_that_left_gets_nothing()
    {
        var (admin, journal, logger) = Context("/__admin/mappings");
        await new UnhandledExceptionMiddleware(_ => Task.FromException(new ArgumentException("bad")), admin.RequestServices, logger).InvokeAsync(admin);
        admin.Response.StatusCode.Should().Be(500);
        journal.Count.Should().Be(0);

        var (left, leftJournal, _) = Context("/v1/anything");
        using var gone = new CancellationTokenSource();
        gone.Cancel();
        left.RequestAborted = gone.Token;
        await new UnhandledExceptionMiddleware(_ => Task.FromCanceled(gone.Token), left.RequestServices, logger).InvokeAsync(left);
        left.Response.StatusCode.Should().Be(200, "nothing is written for a client that left");
        leftJournal.Count.Should().Be(0);
    }

    private static (DefaultHttpContext Context, RequestJournal Journal, FakeLogger<UnhandledExceptionMiddleware> Logger) Context(string path)
    {
        var options = new MockAccountsOptions { RequestLog = false };
        var journal = new RequestJournal(options.Journal);
        var services = new ServiceCollection().AddSingleton(journal).AddSingleton(new RequestLog(options)).BuildServiceProvider();
        var context = new DefaultHttpContext { RequestServices = services };
        context.Request.Method = "GET";
        context.Request.Path = path;
        context.Request.Scheme = "http";
        context.Request.Protocol = "HTTP/1.1";
        context.Response.Body = new MemoryStream();
        context.Features.Set<IHttpResponseBodyFeature>(new StreamResponseBodyFeature(context.Response.Body));
        return (context, journal, new FakeLogger<UnhandledExceptionMiddleware>());
    }
}
