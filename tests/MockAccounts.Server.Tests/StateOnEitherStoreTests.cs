using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using FluentAssertions;

namespace MockAccounts.Server.Tests;

/// <summary>
/// Every kind of state a running mock keeps, held to the same tests on both stores: in memory, where the writer and the
/// reader are one server, and on Redis, where a change made through one replica must be served by the other at once
/// (read-after-write) and counts advance once across both.
/// </summary>
public abstract class StateOnEitherStoreTests
{
    private Replicas? _replicas;

    private Replicas Pair => _replicas ?? throw new InvalidOperationException("not started");

    private RunningServer Writer => Pair.Writer;

    private RunningServer Reader => Pair.Reader;

    protected abstract Task<Replicas> StartAsync();

    [OneTimeSetUp]
    public async Task StartReplicasAsync() => _replicas = await StartAsync();

    [OneTimeTearDown]
    public async Task StopReplicasAsync()
    {
        if (_replicas is not null)
        {
            await _replicas.DisposeAsync();
        }
    }

    [TearDown]
    public async Task ResetAsync() => (await Writer.Client.PostAsync("/__admin/reset", null)).EnsureSuccessStatusCode();

    [Test]
    public async Task A_vendor_switched_through_one_replica_is_served_switched_by_the_other_at_once()
    {
        for (var i = 0; i < 20; i++)
        {
            var scenario = i % 2 == 0 ? "quota-reached" : "enabled";
            (await Writer.Client.PutAsJsonAsync("/__admin/scenarios/runloop/state", new { state = scenario })).EnsureSuccessStatusCode();

            var served = await Calls.SendAsync(Reader.Client, Calls.Account(Reader, "runloop", Calls.NewToken("rl")));

            served.Body!["account_status"]!.GetValue<string>().Should().Be(i % 2 == 0 ? "ACCOUNT_STATUS_DISABLED_QUOTA_REACHED" : "ACCOUNT_STATUS_ENABLED", $"switch {i} to {scenario}");
        }
    }

    [Test]
    public async Task A_token_bound_and_unbound_through_one_replica_is_served_so_by_the_other()
    {
        var token = Calls.NewToken("bind");
        await Calls.BindAsync(Writer, "ultravox", token, "rate-limited");

        (await Calls.SendAsync(Reader.Client, Calls.Account(Reader, "ultravox", token))).Status.Should().Be(429);

        (await Writer.Client.DeleteAsync($"/__admin/vendors/ultravox/tokens/{token}/scenario")).StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await Calls.SendAsync(Reader.Client, Calls.Account(Reader, "ultravox", token))).Status.Should().Be(200);
        (await Reader.Client.DeleteAsync($"/__admin/vendors/ultravox/tokens/{token}/scenario")).StatusCode.Should().Be(HttpStatusCode.NotFound, "the other replica knows it is unbound");
    }

    [Test]
    public async Task An_account_edited_through_one_replica_is_served_edited_by_the_other_and_cleared_alike()
    {
        var token = Calls.NewToken("edit");
        var edited = await Writer.Client.PatchAsync($"/__admin/vendors/depicta/tokens/{token}/account", Calls.Json("""{"user": {"name": "Ada Lovelace"}}"""));
        edited.StatusCode.Should().Be(HttpStatusCode.OK, await edited.Content.ReadAsStringAsync());

        (await Calls.SendAsync(Reader.Client, Calls.Account(Reader, "depicta", token))).Body!["user"]!["name"]!.GetValue<string>().Should().Be("Ada Lovelace");

        (await Writer.Client.DeleteAsync($"/__admin/vendors/depicta/tokens/{token}/account")).StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await Calls.SendAsync(Reader.Client, Calls.Account(Reader, "depicta", token))).Body!["user"]!["name"]?.ToJsonString().Should().NotBe("\"Ada Lovelace\"");
    }

    [Test]
    public async Task An_action_answered_by_one_replica_has_changed_the_account_the_other_serves()
    {
        var token = Calls.NewToken("dpct_action");
        using var patch = new HttpRequestMessage(HttpMethod.Patch, "/v1/account/profile") { Content = Calls.Json("""{"name": "Grace Hopper"}""") };
        patch.Headers.TryAddWithoutValidation("Authorization", $"Bearer {token}");

        (await Calls.SendAsync(Writer.Client, patch)).Status.Should().Be(200);

        (await Calls.SendAsync(Reader.Client, Calls.Account(Reader, "depicta", token))).Body!["user"]!["name"]!.GetValue<string>().Should().Be("Grace Hopper");
    }

    [Test]
    public async Task Variants_and_variations_set_through_one_replica_are_served_by_the_other()
    {
        var token = Calls.NewToken("variant");
        (await Writer.Client.PutAsJsonAsync($"/__admin/vendors/opterius/tokens/{token}/variant", new { variant = "v2.7.0" })).EnsureSuccessStatusCode();
        (await Writer.Client.PutAsJsonAsync("/__admin/vendors/runloop/variation", new { variation = "edges" })).EnsureSuccessStatusCode();

        var vendor = await Reader.Client.GetFromJsonAsync<JsonNode>("/__admin/vendors/runloop");
        var account = await Reader.Client.GetFromJsonAsync<JsonNode>($"/__admin/vendors/opterius/tokens/{token}/account");

        vendor!["variation"]!.GetValue<string>().Should().Be("edges");
        account!["variant"]!.GetValue<string>().Should().Be("v2.7.0");
    }

    [Test]
    public async Task Rate_limited_once_through_both_replicas_answers_exactly_one_429()
    {
        var token = Calls.NewToken("once");
        await Calls.BindAsync(Writer, "runloop", token, "rate-limited-once");

        var statuses = await Task.WhenAll(Enumerable.Range(0, 20).Select(async i =>
        {
            var server = i % 2 == 0 ? Writer : Reader;
            return (await Calls.SendAsync(server.Client, Calls.Account(server, "runloop", token))).Status;
        }));

        statuses.Count(s => s == 429).Should().Be(1);
        statuses.Count(s => s == 200).Should().Be(19);
    }

    [Test]
    public async Task Flaky_through_both_replicas_under_forty_concurrent_requests_fails_exactly_twice()
    {
        var token = Calls.NewToken("flaky");
        await Calls.BindAsync(Reader, "runloop", token, "flaky");

        var statuses = await Task.WhenAll(Enumerable.Range(0, 40).Select(async i =>
        {
            var server = i % 2 == 0 ? Writer : Reader;
            return (await Calls.SendAsync(server.Client, Calls.Account(server, "runloop", token))).Status;
        }));

        statuses.Count(s => s == 500).Should().Be(2);
    }

    [Test]
    public async Task A_vendor_switch_through_one_replica_restarts_the_sequence_on_the_other()
    {
        var token = Calls.NewToken("restart");
        (await Writer.Client.PutAsJsonAsync("/__admin/scenarios/ultravox/state", new { state = "rate-limited-once" })).EnsureSuccessStatusCode();
        (await Calls.SendAsync(Reader.Client, Calls.Account(Reader, "ultravox", token))).Status.Should().Be(429);
        (await Calls.SendAsync(Writer.Client, Calls.Account(Writer, "ultravox", token))).Status.Should().Be(200);

        (await Writer.Client.PutAsJsonAsync("/__admin/scenarios/ultravox/state", new { state = "rate-limited-once" })).EnsureSuccessStatusCode();

        (await Calls.SendAsync(Reader.Client, Calls.Account(Reader, "ultravox", token))).Status.Should().Be(429);
    }

    [Test]
    public async Task A_stub_mapping_made_through_one_replica_is_served_by_the_other_until_removed()
    {
        var created = await Writer.Client.PostAsync("/__admin/mappings", Calls.Json("""
            {"request": {"method": "GET", "urlPath": "/team/ping"}, "response": {"status": 200, "body": "pong", "headers": {"Content-Type": "text/plain"}}}
            """));
        created.StatusCode.Should().Be(HttpStatusCode.Created);
        var id = (await created.Content.ReadFromJsonAsync<JsonNode>())!["id"]!.GetValue<string>();

        (await (await Reader.Client.GetAsync("/team/ping")).Content.ReadAsStringAsync()).Should().Be("pong");
        (await Reader.Client.GetFromJsonAsync<JsonNode>("/__admin/mappings"))!["mappings"]!.AsArray().Select(m => m!["id"]!.GetValue<string>()).Should().Equal(id);

        (await Reader.Client.DeleteAsync($"/__admin/mappings/{id}")).EnsureSuccessStatusCode();
        (await Writer.Client.GetAsync("/team/ping")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Test]
    public async Task Mappings_imported_through_one_replica_are_tried_in_the_same_order_by_the_other()
    {
        (await Writer.Client.PostAsync("/__admin/mappings/import", Calls.Json("""
            {"mappings": [
              {"id": "00000000-0000-0000-0000-00000000000a", "request": {"method": "GET", "urlPath": "/team/order"}, "response": {"status": 200, "body": "first"}},
              {"id": "00000000-0000-0000-0000-00000000000b", "request": {"method": "GET", "urlPath": "/team/order"}, "response": {"status": 200, "body": "second"}}
            ]}
            """))).EnsureSuccessStatusCode();

        var order = async (RunningServer server) => (await server.Client.GetFromJsonAsync<JsonNode>("/__admin/mappings"))!["mappings"]!.AsArray().Select(m => m!["id"]!.GetValue<string>()).ToArray();

        (await order(Reader)).Should().Equal(await order(Writer));
        (await (await Reader.Client.GetAsync("/team/order")).Content.ReadAsStringAsync()).Should().Be(await (await Writer.Client.GetAsync("/team/order")).Content.ReadAsStringAsync());
    }

    [Test]
    public async Task A_stub_scenario_moved_by_a_request_to_one_replica_has_moved_for_the_other()
    {
        (await Writer.Client.PostAsync("/__admin/mappings/import", Calls.Json("""
            {"mappings": [
              {"scenarioName": "door", "requiredScenarioState": "Started", "newScenarioState": "open", "request": {"method": "GET", "urlPath": "/team/door"}, "response": {"status": 200, "body": "opening"}},
              {"scenarioName": "door", "requiredScenarioState": "open", "request": {"method": "GET", "urlPath": "/team/door"}, "response": {"status": 200, "body": "open"}}
            ]}
            """))).EnsureSuccessStatusCode();

        (await (await Writer.Client.GetAsync("/team/door")).Content.ReadAsStringAsync()).Should().Be("opening");
        (await (await Reader.Client.GetAsync("/team/door")).Content.ReadAsStringAsync()).Should().Be("open");

        (await Reader.Client.PutAsync("/__admin/scenarios/door/state", null)).EnsureSuccessStatusCode();
        (await (await Writer.Client.GetAsync("/team/door")).Content.ReadAsStringAsync()).Should().Be("opening");
    }

    [Test]
    public async Task The_journal_holds_both_replicas_requests_newest_first_and_is_cleared_for_both()
    {
        (await Writer.Client.DeleteAsync("/__admin/requests")).EnsureSuccessStatusCode();
        var tokens = Enumerable.Range(0, 6).Select(i => Calls.NewToken($"journal{i}")).ToArray();
        for (var i = 0; i < tokens.Length; i++)
        {
            var server = i % 2 == 0 ? Writer : Reader;
            await Calls.SendAsync(server.Client, Calls.Account(server, "runloop", tokens[i]));
        }

        var journal = await Reader.Client.GetFromJsonAsync<JsonNode>("/__admin/requests");
        var found = await Writer.Client.PostAsync("/__admin/requests/count", Calls.Json("""{"method": "GET", "urlPath": "/v1/accounts/me"}"""));

        journal!["requests"]!.AsArray().Select(r => r!["mockAccounts"]!["token"]!.GetValue<string>())
            .Should().Equal(tokens.Reverse().Select(t => "****" + t[^4..]), "every replica's requests, newest first");
        journal["meta"]!["total"]!.GetValue<int>().Should().Be(6);
        (await found.Content.ReadFromJsonAsync<JsonNode>())!["count"]!.GetValue<int>().Should().Be(6);

        (await Writer.Client.DeleteAsync("/__admin/requests")).EnsureSuccessStatusCode();
        (await Reader.Client.GetFromJsonAsync<JsonNode>("/__admin/requests"))!["requests"]!.AsArray().Should().BeEmpty();
    }

    [Test]
    public async Task A_request_removed_from_the_journal_through_one_replica_is_gone_for_the_other()
    {
        (await Writer.Client.DeleteAsync("/__admin/requests")).EnsureSuccessStatusCode();
        await Calls.SendAsync(Reader.Client, Calls.Account(Reader, "runloop", Calls.NewToken("keep")));
        await Calls.SendAsync(Reader.Client, Calls.Account(Reader, "ultravox", Calls.NewToken("gone")));

        var removed = await Writer.Client.PostAsync("/__admin/requests/remove", Calls.Json("""{"urlPath": "/api/accounts/me"}"""));

        (await removed.Content.ReadFromJsonAsync<JsonNode>())!["requests"]!.AsArray().Should().ContainSingle();
        (await Reader.Client.GetFromJsonAsync<JsonNode>("/__admin/requests"))!["requests"]!.AsArray()
            .Select(r => r!["request"]!["url"]!.GetValue<string>()).Should().Equal("/v1/accounts/me");
    }

    [Test]
    public async Task A_reset_through_one_replica_resets_the_other()
    {
        var token = Calls.NewToken("reset");
        await Calls.BindAsync(Writer, "runloop", token, "trial");
        (await Writer.Client.PutAsJsonAsync("/__admin/scenarios/ultravox/state", new { state = "rate-limited" })).EnsureSuccessStatusCode();

        (await Reader.Client.PostAsync("/__admin/reset", null)).EnsureSuccessStatusCode();

        (await Calls.SendAsync(Writer.Client, Calls.Account(Writer, "runloop", token))).Body!["tier"]!.GetValue<string>().Should().NotBe("ACCOUNT_TIER_TRIAL");
        (await Calls.SendAsync(Writer.Client, Calls.Account(Writer, "ultravox", Calls.NewToken("after")))).Status.Should().Be(200);
    }
}

/// <summary>The state tests on one server, its state its own.</summary>
[NonParallelizable]
public sealed class StateInMemoryTests : StateOnEitherStoreTests
{
    protected override Task<Replicas> StartAsync() => Replicas.InMemoryAsync();
}

/// <summary>The state tests on two replicas sharing their state on Redis: written through one, read through the other.</summary>
[NonParallelizable]
public sealed class StateOnRedisTests : StateOnEitherStoreTests
{
    protected override Task<Replicas> StartAsync() => Replicas.OnRedisAsync(RedisServer.Instance.Configuration);
}
