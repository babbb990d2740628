using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using FluentAssertions;
using StackExchange.Redis;

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

    /// <summary>The two places to write and read, started with <paramref name="args"/> (the same for both).</summary>
    protected abstract Task<Replicas> StartAsync(params string[] args);

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

        var statuses = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => Pair.SendAlternatelyAsync(i, "runloop", token)));

        statuses.Count(s => s == 429).Should().Be(1);
        statuses.Count(s => s == 200).Should().Be(19);
    }

    [Test]
    public async Task Flaky_through_both_replicas_under_forty_concurrent_requests_fails_exactly_twice()
    {
        var token = Calls.NewToken("flaky");
        await Calls.BindAsync(Reader, "runloop", token, "flaky");

        var statuses = await Task.WhenAll(Enumerable.Range(0, 40).Select(i => Pair.SendAlternatelyAsync(i, "runloop", token)));

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
            await Pair.SendAlternatelyAsync(i, "runloop", tokens[i]);
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
    public async Task A_full_journal_shows_the_newest_requests_of_both_replicas_counts_the_dropped_and_never_brings_one_back()
    {
        await using var small = await StartAsync("--MockAccounts:Journal:Capacity", "4");
        var tokens = Enumerable.Range(0, 7).Select(i => Calls.NewToken($"full{i}")).ToArray();
        for (var i = 0; i < 6; i++)
        {
            await small.SendAlternatelyAsync(i, "runloop", tokens[i]);
        }

        var full = (await small.Reader.Client.GetFromJsonAsync<JsonNode>("/__admin/requests"))!;
        Shown(full).Should().Equal(tokens[2..6].Reverse().Select(Redacted), "the four newest, newest first");
        full["meta"]!["total"]!.GetValue<int>().Should().Be(4);
        full["meta"]!["dropped"]!.GetValue<long>().Should().Be(2);

        // One of the four removed: the journal holds three; a dropped request does not come back to fill the gap.
        (await small.Writer.Client.PostAsync("/__admin/requests/remove", Calls.Json("{\"headers\": {\"Authorization\": {\"equalTo\": \"Bearer " + tokens[3] + "\"}}}"))).EnsureSuccessStatusCode();
        var removed = (await small.Writer.Client.GetFromJsonAsync<JsonNode>("/__admin/requests"))!;
        Shown(removed).Should().Equal(new[] { tokens[5], tokens[4], tokens[2] }.Select(Redacted));
        removed["meta"]!["total"]!.GetValue<int>().Should().Be(3);

        await Calls.SendAsync(small.Reader.Client, Calls.Account(small.Reader, "runloop", tokens[6]));
        var after = (await small.Writer.Client.GetFromJsonAsync<JsonNode>("/__admin/requests"))!;
        Shown(after).Should().Equal(new[] { tokens[6], tokens[5], tokens[4], tokens[2] }.Select(Redacted));
        after["meta"]!["dropped"]!.GetValue<long>().Should().Be(2);

        static string Redacted(string token) => "****" + token[^4..];
        static IEnumerable<string> Shown(JsonNode journal) => journal["requests"]!.AsArray().Select(r => r!["mockAccounts"]!["token"]!.GetValue<string>());
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
    protected override Task<Replicas> StartAsync(params string[] args) => Replicas.InMemoryAsync(args);
}

/// <summary>The state tests on two replicas sharing their state on Redis: written through one, read through the other.</summary>
[NonParallelizable]
public sealed class StateOnRedisTests : StateOnEitherStoreTests
{
    protected override Task<Replicas> StartAsync(params string[] args) => Replicas.OnRedisAsync(RedisServer.Instance.Configuration, null, args);

    [Test]
    public async Task A_sequence_past_its_last_step_is_counted_no_further_on_either_replica_until_a_change_starts_it_over()
    {
        var prefix = RedisServer.NewPrefix();
        await using var pair = await Replicas.OnRedisAsync(RedisServer.Instance.Configuration, prefix);
        var token = Calls.NewToken("ended");
        await Calls.BindAsync(pair.Writer, "runloop", token, "rate-limited-once");
        using var redis = await ConnectionMultiplexer.ConnectAsync(RedisServer.Instance.Configuration);

        var statuses = new List<int>();
        for (var i = 0; i < 10; i++)
        {
            statuses.Add(await pair.SendAlternatelyAsync(i, "runloop", token));
        }

        var counted = await CountAsync();
        await Calls.BindAsync(pair.Reader, "runloop", token, "rate-limited-once");
        var again = (await Calls.SendAsync(pair.Writer.Client, Calls.Account(pair.Writer, "runloop", token))).Status;

        statuses.Should().Equal([429, 200, 200, 200, 200, 200, 200, 200, 200, 200]);
        counted.Should().Be(3, "the 429, the first 200 (the last step: the reader knows it ended), and one more on the writer, which learns it then");
        again.Should().Be(429, "a new binding starts the sequence over");

        async Task<long> CountAsync()
        {
            var fields = await redis.GetDatabase().HashGetAllAsync(prefix + "counters");
            var record = fields.Single(f => f.Name.ToString().StartsWith("s:", StringComparison.Ordinal)).Value.ToString().Split('\n');
            return long.Parse(record[1], System.Globalization.CultureInfo.InvariantCulture);
        }
    }

    [Test]
    public async Task A_full_journal_under_many_requests_stores_less_than_three_times_its_capacity_and_its_oldest_page_and_shows_the_newest()
    {
        var prefix = RedisServer.NewPrefix();
        await using var pair = await Replicas.OnRedisAsync(RedisServer.Instance.Configuration, prefix, "--MockAccounts:Journal:Capacity", "4");
        var tokens = Enumerable.Range(0, 30).Select(i => Calls.NewToken($"many{i}")).ToArray();
        using var redis = await ConnectionMultiplexer.ConnectAsync(RedisServer.Instance.Configuration);
        var stored = new List<(long All, long OldestPage)>();
        for (var i = 0; i < tokens.Length; i++)
        {
            await pair.SendAlternatelyAsync(i, "runloop", tokens[i]);
            if (i % 3 == 2)
            {
                // Each read writes every replica's queue, so pages arrive throughout.
                (await (i % 2 == 0 ? pair.Writer : pair.Reader).Client.GetAsync("/__admin/requests")).Dispose();
                var counts = (await redis.GetDatabase().ListRangeAsync(prefix + "journal:counts")).Select(r => long.Parse(r.ToString().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture)).ToArray();
                stored.Add((counts.Sum(), counts[0]));
            }
        }

        var journal = (await pair.Writer.Client.GetFromJsonAsync<JsonNode>("/__admin/requests"))!;
        journal["requests"]!.AsArray().Select(r => r!["mockAccounts"]!["token"]!.GetValue<string>())
            .Should().Equal(tokens[^4..].Reverse().Select(t => "****" + t[^4..]));
        journal["meta"]!["dropped"]!.GetValue<long>().Should().Be(26);
        stored.Should().OnlyContain(s => s.All < (3 * 4) + s.OldestPage, "a page goes at the latest once twice the capacity would be left without it");
        stored.Max(s => s.All).Should().BeGreaterThan(4, "dropped entries wait for their page to go");
    }

    [Test]
    public async Task Listing_the_journal_asks_the_other_replica_for_its_queue_once_and_counts_what_it_lists()
    {
        var prefix = RedisServer.NewPrefix();
        await using var pair = await Replicas.OnRedisAsync(RedisServer.Instance.Configuration, prefix);
        await Calls.SendAsync(pair.Reader.Client, Calls.Account(pair.Reader, "runloop", Calls.NewToken("listed")));
        using var redis = await ConnectionMultiplexer.ConnectAsync(RedisServer.Instance.Configuration);
        var asked = 0;
        await redis.GetSubscriber().SubscribeAsync(RedisChannel.Literal(prefix + "flush"), (_, _) => Interlocked.Increment(ref asked));

        var journal = (await pair.Writer.Client.GetFromJsonAsync<JsonNode>("/__admin/requests"))!;
        // A second subscriber on the channel sees the message once the first has had it: this one, through the same link, after it.
        await redis.GetSubscriber().PublishAsync(RedisChannel.Literal(prefix + "flush"), "test marker");
        await redis.GetSubscriber().PingAsync();

        journal["requests"]!.AsArray().Should().ContainSingle("the request the other replica answered");
        journal["meta"]!["total"]!.GetValue<int>().Should().Be(1);
        Volatile.Read(ref asked).Should().Be(2, "one request for every replica's queue, then the test's own marker");
    }

    [Test]
    public async Task Redis_never_holds_a_credential_a_request_sent_whole_neither_in_the_journal_nor_in_a_count()
    {
        var prefix = RedisServer.NewPrefix();
        await using var pair = await Replicas.OnRedisAsync(RedisServer.Instance.Configuration, prefix);
        (await pair.Writer.Client.PutAsJsonAsync("/__admin/scenarios/ultravox/state", new { state = "rate-limited-once" })).EnsureSuccessStatusCode();
        var token = Calls.NewToken("secret");
        await Calls.SendAsync(pair.Writer.Client, Calls.Account(pair.Writer, "ultravox", token));
        await Calls.SendAsync(pair.Reader.Client, Calls.Account(pair.Reader, "ultravox", token));
        var journal = (await pair.Writer.Client.GetFromJsonAsync<JsonNode>("/__admin/requests"))!["requests"]!.AsArray();

        using var redis = await ConnectionMultiplexer.ConnectAsync(RedisServer.Instance.Configuration);
        var server = redis.GetServer(redis.GetEndPoints()[0]);
        var keys = server.Keys(pattern: prefix + "*").ToArray();
        var stored = new List<string>();
        var db = redis.GetDatabase();
        foreach (var key in keys)
        {
            // Each value as stored (DUMP would compress it), as Latin-1 so any byte sequence reads back one-to-one.
            IEnumerable<RedisValue> values = await db.KeyTypeAsync(key) switch
            {
                RedisType.String => [await db.StringGetAsync(key)],
                RedisType.List => await db.ListRangeAsync(key),
                RedisType.Hash => (await db.HashGetAllAsync(key)).SelectMany(e => new[] { e.Name, e.Value }),
                RedisType.SortedSet => await db.SortedSetRangeByRankAsync(key),
                var other => throw new AssertionException($"{key}: a {other} was not expected"),
            };
            stored.AddRange(values.Select(v => key.ToString() + " " + System.Text.Encoding.Latin1.GetString((byte[])v!)));
        }

        journal.Should().HaveCount(2, "both requests reached the journal on Redis");
        keys.Select(k => k.ToString()).Should().Contain([prefix + "journal:pages", prefix + "counters"]);
        var shown = "****" + token[^4..];
        stored.Where(v => v.Contains(token, StringComparison.Ordinal)).Select(v => v.Split(' ')[0]).Should().BeEmpty("the token is stored only as shown ({0}) or digested", shown);
        stored.Should().Contain(v => v.Contains(shown, StringComparison.Ordinal));
    }
}
