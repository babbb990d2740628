using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using FluentAssertions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MockAccounts.AspNetCore.Admin;
using MockAccounts.AspNetCore.Hosting;
using MockAccounts.Redis;
using StackExchange.Redis;

namespace MockAccounts.Server.Tests;

/// <summary>
/// Shared state when Redis is not there: a bad configuration string stops the start (exit 2, the password never shown);
/// Redis unreachable at start or lost while running leaves vendor requests answered from the last known state, admin
/// changes refused with 503 naming the setting, health degraded, journal entries queued; Redis back, the replicas converge.
/// </summary>
[NonParallelizable]
public sealed class SharedStateFaultTests
{
    private const string Password = "hunter2-s3cret";

    [TestCase("127.0.0.1:6379,password=" + Password + ",ssl=perhaps", "is not a Redis configuration string")]
    [TestCase("password=" + Password, "names no Redis server")]
    public async Task A_bad_configuration_string_exits_with_2_naming_the_setting_and_never_the_password(string configuration, string expectation)
    {
        var (code, error) = await RunAsync(services => services.AddMockAccountsRedis(), $"--MockAccounts:State:Redis={configuration}", "--urls=http://127.0.0.1:0");

        code.Should().Be(2);
        error.Split('\n').Should().Contain(line => line.Contains("MockAccounts:State:Redis", StringComparison.Ordinal) && line.Contains(expectation, StringComparison.Ordinal));
        error.Should().NotContain(Password).And.Contain("password=*****");
    }

    [Test]
    public async Task Redis_set_on_a_host_that_cannot_share_state_exits_with_2_saying_what_to_add()
    {
        var (code, error) = await RunAsync(_ => { }, "--MockAccounts:State:Redis=127.0.0.1:6379", "--urls=http://127.0.0.1:0");

        code.Should().Be(2);
        error.Should().Contain("MockAccounts:State:Redis: this host cannot share state (no connector): add the MockAccounts.Redis package and call services.AddMockAccountsRedis()");
    }

    [Test]
    public async Task An_empty_prefix_exits_with_2_naming_the_setting()
    {
        var (code, error) = await RunAsync(services => services.AddMockAccountsRedis(), "--MockAccounts:State:Prefix= ", "--urls=http://127.0.0.1:0");

        code.Should().Be(2);
        error.Should().Contain("MockAccounts:State:Prefix: empty");
    }

    [Test]
    public async Task Redis_unreachable_at_start_serves_from_the_files_says_degraded_naming_Redis_and_refuses_admin_changes_with_503()
    {
        var nowhere = $"127.0.0.1:{RedisServer.FreePort()},password={Password}";
        await using var server = await RunningServer.StartSharingAsync(nowhere, RedisServer.NewPrefix());

        var served = await Calls.SendAsync(server.Client, Calls.Account(server, "runloop", Calls.NewToken("down")));
        var health = await server.Client.GetFromJsonAsync<JsonNode>("/__admin/health");
        var refused = await server.Client.PutAsJsonAsync("/__admin/scenarios/runloop/state", new { state = "quota-reached" });

        served.Status.Should().Be(200);
        health!["status"]!.GetValue<string>().Should().Be("degraded");
        health["message"]!.GetValue<string>().Should().Contain("Redis (MockAccounts:State:Redis").And.Contain("cannot be reached").And.NotContain(Password);
        health["state"]!["connected"]!.GetValue<bool>().Should().BeFalse();
        health["state"]!["store"]!.GetValue<string>().Should().Contain("password=*****").And.NotContain(Password);
        var problem = await Calls.ProblemAsync(refused, 503);
        problem["setting"]!.GetValue<string>().Should().Be("MockAccounts:State:Redis");
        problem["detail"]!.GetValue<string>().Should().NotContain(Password);
        (await Calls.SendAsync(server.Client, Calls.Account(server, "runloop", Calls.NewToken("still")))).Body!["account_status"]!.GetValue<string>()
            .Should().Be("ACCOUNT_STATUS_ENABLED", "the refused switch changed nothing");
    }

    [Test]
    public async Task Redis_lost_while_running_keeps_vendors_answering_from_the_last_state_and_the_replicas_converge_once_it_is_back()
    {
        var folder = Directory.CreateTempSubdirectory("mockaccounts-redis-").FullName;
        var redis = RedisServer.Start(null, "--appendonly", "yes", "--appendfsync", "always", "--dir", folder);
        var port = redis.Port;
        var prefix = RedisServer.NewPrefix();
        await using var a = await RunningServer.StartSharingAsync(redis.Configuration, prefix);
        await using var b = await RunningServer.StartSharingAsync(redis.Configuration, prefix);
        var token = Calls.NewToken("lost");
        await Calls.BindAsync(a, "runloop", token, "quota-reached");

        redis.Dispose();
        await Eventually.UntilAsync(() => !Connected(a) && !Connected(b), "both replicas to notice Redis is gone");
        var during = await Task.WhenAll(Enumerable.Range(0, 20).Select(async i =>
        {
            var server = i % 2 == 0 ? a : b;
            return await Calls.SendAsync(server.Client, Calls.Account(server, "runloop", token));
        }));
        var refused = await b.Client.PutAsJsonAsync("/__admin/scenarios/runloop/state", new { state = "trial" });
        var health = await a.Client.GetFromJsonAsync<JsonNode>("/__admin/health");

        during.Should().OnlyContain(r => r.Status == 200 && r.Body!["account_status"]!.GetValue<string>() == "ACCOUNT_STATUS_DISABLED_QUOTA_REACHED", "the last known binding");
        (await Calls.ProblemAsync(refused, 503))["setting"]!.GetValue<string>().Should().Be("MockAccounts:State:Redis");
        health!["status"]!.GetValue<string>().Should().Be("degraded");
        health["state"]!["journalQueued"]!.GetValue<int>().Should().BeGreaterThanOrEqualTo(10, "a's ten requests wait to be written");

        using var back = RedisServer.Start(port, "--appendonly", "yes", "--appendfsync", "always", "--dir", folder);
        await Eventually.UntilAsync(() => Connected(a) && Connected(b), "both replicas to reconnect");
        (await a.Client.PutAsJsonAsync("/__admin/scenarios/ultravox/state", new { state = "rate-limited" })).EnsureSuccessStatusCode();

        (await Calls.SendAsync(b.Client, Calls.Account(b, "ultravox", Calls.NewToken("after")))).Status.Should().Be(429, "a change after the outage reaches the other replica");
        (await Calls.SendAsync(b.Client, Calls.Account(b, "runloop", token))).Body!["account_status"]!.GetValue<string>()
            .Should().Be("ACCOUNT_STATUS_DISABLED_QUOTA_REACHED", "what was acknowledged before the outage is kept");
        var journal = await b.Client.GetFromJsonAsync<JsonNode>("/__admin/requests");
        journal!["requests"]!.AsArray().Count(r => r!["mockAccounts"]!["token"]!.GetValue<string>() == "****" + token[^4..])
            .Should().Be(21, "the 20 requests answered during the outage were queued and written once Redis was back, beside the one since");
    }

    [Test]
    public async Task A_change_some_live_replica_does_not_apply_in_time_answers_naming_that_replica()
    {
        var prefix = RedisServer.NewPrefix();
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var server = await RunningServer.StartWithClockAsync(clock, "--MockAccounts:State:Redis", RedisServer.Instance.Configuration, "--MockAccounts:State:Prefix", prefix);
        using (var redis = await ConnectionMultiplexer.ConnectAsync(RedisServer.Instance.Configuration))
        {
            // A replica that registered (a heartbeat just now) and then hung: it never applies anything.
            await redis.GetDatabase().ScriptEvaluateAsync(
                "local t = redis.call('TIME'); redis.call('ZADD', KEYS[1], tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000), 'hung-replica')", [(RedisKey)(prefix + "replicas")]);
        }

        var switching = server.Client.PutAsJsonAsync("/__admin/scenarios/runloop/state", new { state = "quota-reached" });
        while (!switching.IsCompleted)
        {
            clock.Advance(TimeSpan.FromMilliseconds(250));
            await Task.WhenAny(switching, Task.Delay(10));
        }

        var answer = await switching;
        answer.StatusCode.Should().Be(HttpStatusCode.OK);
        answer.Headers.GetValues("X-MockAccounts-Not-Applied-By").Should().Equal("hung-replica");
        (await Calls.SendAsync(server.Client, Calls.Account(server, "runloop", Calls.NewToken("hung")))).Body!["account_status"]!.GetValue<string>()
            .Should().Be("ACCOUNT_STATUS_DISABLED_QUOTA_REACHED", "the replica that answered has applied it");
    }

    [Test]
    public async Task Health_answers_without_waiting_for_a_live_replica_that_does_not_write_its_journal()
    {
        var prefix = RedisServer.NewPrefix();
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var server = await RunningServer.StartWithClockAsync(clock, "--MockAccounts:State:Redis", RedisServer.Instance.Configuration, "--MockAccounts:State:Prefix", prefix);
        await Calls.SendAsync(server.Client, Calls.Account(server, "runloop", Calls.NewToken("probe")));
        using (var redis = await ConnectionMultiplexer.ConnectAsync(RedisServer.Instance.Configuration))
        {
            // A replica that registered (a heartbeat just now) and then hung: it never answers a request to write its queue.
            await redis.GetDatabase().ScriptEvaluateAsync(
                "local t = redis.call('TIME'); redis.call('ZADD', KEYS[1], tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000), 'hung-replica')", [(RedisKey)(prefix + "replicas")]);
        }

        // The clock stands still: a health check that waited for the hung replica (State:ReplicaWait on this clock) would never answer.
        var health = await server.Client.GetFromJsonAsync<JsonNode>("/__admin/health").WaitAsync(Eventually.Bound);

        health!["status"]!.GetValue<string>().Should().Be("healthy");
        health["state"]!["connected"]!.GetValue<bool>().Should().BeTrue();
    }

    private static bool Connected(RunningServer server) =>
        server.Services.GetRequiredService<StateHealthSource>().Now() is { Connected: true };

    private static async Task<(int Code, string Error)> RunAsync(Action<IServiceCollection> services, params string[] args)
    {
        var original = Console.Error;
        await using var error = new StringWriter();
        Console.SetError(error);
        try
        {
            var code = await MockAccountsHost.RunAsync(args, builder => services(builder.Services)).WaitAsync(TimeSpan.FromSeconds(60));
            return (code, error.ToString());
        }
        finally
        {
            Console.SetError(original);
        }
    }
}
