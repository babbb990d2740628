using System.Net;
using System.Text.Json.Nodes;
using FluentAssertions;

namespace MockAccounts.Replicas.Tests;

/// <summary>
/// Three server processes on one Redis, as behind a balancer: what is changed through one is served by the others on the
/// very next request; counts advance once across them; the journal is one; mappings and resets reach every replica.
/// </summary>
[NonParallelizable]
public sealed class SharedStateTests
{
    private ReplicaSet? _set;

    private IReadOnlyList<Replica> Replicas => (_set ?? throw new InvalidOperationException("not started")).Replicas;

    [OneTimeSetUp]
    public async Task StartAsync() => _set = await ReplicaSet.StartAsync();

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        if (_set is not null)
        {
            await _set.DisposeAsync();
        }
    }

    [TearDown]
    public async Task ResetAsync() => (await Replicas[0].Client.PostAsync("/__admin/reset", null)).EnsureSuccessStatusCode();

    [Test]
    public async Task A_switch_on_one_replica_is_served_by_the_others_at_once_500_times_with_no_stale_answer()
    {
        var stale = new List<string>();
        for (var i = 0; i < 500; i++)
        {
            var writer = Replicas[i % 3];
            var (scenario, expected) = i % 2 == 0 ? ("quota-reached", "ACCOUNT_STATUS_DISABLED_QUOTA_REACHED") : ("enabled", "ACCOUNT_STATUS_ENABLED");
            using var switched = await writer.SwitchAsync("runloop", scenario);
            switched.StatusCode.Should().Be(HttpStatusCode.OK, await switched.Content.ReadAsStringAsync());

            foreach (var reader in Replicas.Where(r => r != writer))
            {
                var (status, body) = await reader.AccountAsync("runloop", Replica.NewToken("rl"));
                var served = status == 200 ? body!["account_status"]!.GetValue<string>() : $"status {status}";
                if (served != expected)
                {
                    stale.Add($"switch {i} to {scenario} through {writer.Name}: {reader.Name} served {served}");
                }
            }
        }

        stale.Should().BeEmpty("every read follows an answered switch on another replica");
    }

    [Test]
    public async Task Rate_limited_once_requested_through_all_replicas_at_once_answers_exactly_one_429()
    {
        for (var round = 0; round < 10; round++)
        {
            var token = Replica.NewToken($"once{round}");
            (await Replicas[round % 3].BindAsync("ultravox", token, "rate-limited-once")).EnsureSuccessStatusCode();

            var statuses = await Task.WhenAll(Enumerable.Range(0, 30).Select(async i => (await Replicas[i % 3].AccountAsync("ultravox", token)).Status));

            statuses.Count(s => s == 429).Should().Be(1, $"round {round}: the sequence steps once per request across the replicas");
            statuses.Count(s => s == 200).Should().Be(29, $"round {round}");
        }
    }

    [Test]
    public async Task The_journal_of_every_replica_holds_all_their_requests_complete_and_newest_first()
    {
        (await Replicas[0].Client.DeleteAsync("/__admin/requests")).EnsureSuccessStatusCode();
        var tokens = Enumerable.Range(0, 150).Select(i => Replica.NewToken($"jrnl{i}")).ToArray();
        for (var i = 0; i < tokens.Length; i++)
        {
            (await Replicas[i % 3].AccountAsync("runloop", tokens[i])).Status.Should().Be(200);
        }

        foreach (var replica in Replicas)
        {
            var journal = await replica.GetJsonAsync("/__admin/requests");
            journal["requests"]!.AsArray().Select(r => r!["mockAccounts"]!["token"]!.GetValue<string>())
                .Should().Equal(tokens.Reverse(), $"{replica.Name} shows every replica's requests, newest first");
            journal["meta"]!["total"]!.GetValue<int>().Should().Be(tokens.Length);
            using var count = await replica.Client.PostAsync("/__admin/requests/count", Replica.Json("""{"method": "GET", "urlPath": "/v1/accounts/me"}"""));
            (await count.Content.ReadAsStringAsync()).Should().Be($$"""{"count":{{tokens.Length}}}""");
        }
    }

    [Test]
    public async Task A_stub_mapping_created_on_one_replica_is_served_by_all_and_removed_for_all()
    {
        using var created = await Replicas[1].Client.PostAsync("/__admin/mappings", Replica.Json("""
            {"request": {"method": "GET", "urlPath": "/team/replicas"}, "response": {"status": 200, "body": "shared", "headers": {"Content-Type": "text/plain"}}}
            """));
        created.StatusCode.Should().Be(HttpStatusCode.Created);
        var id = JsonNode.Parse(await created.Content.ReadAsStringAsync())!["id"]!.GetValue<string>();

        foreach (var replica in Replicas)
        {
            (await replica.Client.GetStringAsync("/team/replicas")).Should().Be("shared", replica.Name);
        }

        (await Replicas[2].Client.DeleteAsync($"/__admin/mappings/{id}")).EnsureSuccessStatusCode();
        foreach (var replica in Replicas)
        {
            (await replica.Client.GetAsync("/team/replicas")).StatusCode.Should().Be(HttpStatusCode.NotFound, replica.Name);
        }
    }

    [Test]
    public async Task A_reset_on_one_replica_resets_all()
    {
        var token = Replica.NewToken("reset");
        (await Replicas[0].BindAsync("ultravox", token, "rate-limited")).EnsureSuccessStatusCode();
        (await Replicas[1].SwitchAsync("runloop", "quota-reached")).EnsureSuccessStatusCode();
        (await Replicas[2].AccountAsync("ultravox", token)).Status.Should().Be(429);

        (await Replicas[2].Client.PostAsync("/__admin/reset", null)).EnsureSuccessStatusCode();

        foreach (var replica in Replicas)
        {
            (await replica.GetJsonAsync("/__admin/requests"))["requests"]!.AsArray().Should().BeEmpty($"{replica.Name}: the journal is cleared");
        }

        foreach (var replica in Replicas)
        {
            (await replica.AccountAsync("ultravox", token)).Status.Should().Be(200, $"{replica.Name}: the binding is gone");
            (await replica.AccountAsync("runloop", Replica.NewToken("after"))).Body!["account_status"]!.GetValue<string>()
                .Should().Be("ACCOUNT_STATUS_ENABLED", $"{replica.Name}: the vendor is back to its default");
        }
    }
}
