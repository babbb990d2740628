using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using FluentAssertions;

namespace MockAccounts.Server.Tests;

/// <summary>State changes racing many requests never produce a mix; sequences count exactly.</summary>
public sealed class RaceTests
{
    [Test]
    public async Task A_scenario_switch_racing_thousands_of_requests_yields_wholly_old_or_wholly_new()
    {
        await using var server = await RunningServer.StartAsync(null);
        var tokens = Enumerable.Range(0, 8).Select(i => $"race-{i}").ToArray();
        var expected = tokens.ToDictionary(t => t, t => new[] { "enabled", "quota-reached" }
            .Select(s => JsonNode.Parse(server.Contracts.Current.Respond("runloop", "documented", t, s).Body)!.ToJsonString()).ToHashSet());
        // Bounded on its own too: a switcher left running by a failed request loop ends within two minutes.
        using var stop = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var switches = 0;
        var switcher = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                var state = switches++ % 2 == 0 ? "quota-reached" : "enabled";
                (await server.Client.PutAsJsonAsync("/__admin/scenarios/runloop/state", new { state })).EnsureSuccessStatusCode();
            }
        });
        var seen = new ConcurrentBag<(string Token, string Body)>();

        // At least 4,000 requests, and more until the switch has really raced them: on a starved machine the requests
        // can all be answered before the switcher's tenth call.
        IEnumerable<int> Requests()
        {
            for (var i = 0; (i < 4000 || Volatile.Read(ref switches) <= 10) && !stop.IsCancellationRequested; i++)
            {
                yield return i;
            }
        }

        await Parallel.ForEachAsync(Requests(), new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (i, _) =>
        {
            var token = tokens[i % tokens.Length];
            var (_, body, _) = await Calls.SendAsync(server.Client, Calls.Account(server, "runloop", token));
            seen.Add((token, body!.ToJsonString()));
        });
        await stop.CancelAsync();
        await switcher;

        switches.Should().BeGreaterThan(10, "the switch really raced the requests within the bound");
        seen.Should().HaveCountGreaterThanOrEqualTo(4000).And.OnlyContain(s => expected[s.Token].Contains(s.Body));
        seen.Select(s => s.Body).Distinct().Count().Should().Be(16, "both scenarios were seen for every token");
    }

    [Test]
    public async Task Sequences_count_exactly_for_a_hundred_tokens_under_concurrency()
    {
        var server = SharedServer.Instance;
        var tokens = Enumerable.Range(0, 100).Select(i => Calls.NewToken($"seq{i}")).ToArray();
        await Task.WhenAll(tokens.Select(t => Calls.BindAsync(server, "runloop", t, "flaky")));
        var statuses = new ConcurrentBag<(string Token, int Status)>();

        await Parallel.ForEachAsync(tokens.SelectMany(t => Enumerable.Repeat(t, 10)), new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (token, _) =>
        {
            var (status, _, _) = await Calls.SendAsync(server.Client, Calls.Account(server, "runloop", token));
            statuses.Add((token, status));
        });

        statuses.GroupBy(s => s.Token).Should().HaveCount(100)
            .And.OnlyContain(g => g.Count(s => s.Status == 500) == 2 && g.Count(s => s.Status == 200) == 8);
    }
}
