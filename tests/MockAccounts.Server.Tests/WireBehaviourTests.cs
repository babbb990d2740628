using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using FluentAssertions;

namespace MockAccounts.Server.Tests;

/// <summary>Delays, dribbled bodies and the bounded journal.</summary>
[Parallelizable(ParallelScope.All)]
public sealed class WireBehaviourTests
{
    [Test]
    public async Task A_slow_body_arrives_whole_in_pieces_over_its_delay()
    {
        var server = SharedServer.Instance;
        var token = Calls.NewToken("dribble");
        await Calls.BindAsync(server, "runloop", token, "slow-body");
        using var raw = new HttpClient { BaseAddress = server.Address };

        var clock = Stopwatch.StartNew();
        using var response = await raw.SendAsync(Calls.Account(server, "runloop", token), HttpCompletionOption.ResponseHeadersRead);
        await using var stream = await response.Content.ReadAsStreamAsync();
        var reads = 0;
        var body = new MemoryStream();
        var buffer = new byte[4096];
        for (int n; (n = await stream.ReadAsync(buffer)) > 0; reads++)
        {
            body.Write(buffer, 0, n);
        }

        reads.Should().BeGreaterThan(3, "the body is written in separate chunks");
        clock.Elapsed.Should().BeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(1000), "the chunks are spread over the scenario's 1.5 s");
        JsonNode.Parse(body.ToArray())!["account_status"]!.GetValue<string>().Should().Be("ACCOUNT_STATUS_ENABLED");
    }

    [Test]
    public async Task A_delayed_scenario_answers_no_sooner_than_its_minimum()
    {
        var server = SharedServer.Instance;
        var token = Calls.NewToken("slow");
        await Calls.BindAsync(server, "ultravox", token, "slow");
        var minimum = server.Contracts.Current.Variant("ultravox").Catalogue.Find("slow")!.Steps[0].Delay!.MinMs;

        var clock = Stopwatch.StartNew();
        var (status, _, _) = await Calls.SendAsync(server.Client, Calls.Account(server, "ultravox", token));

        status.Should().Be(200);
        clock.ElapsedMilliseconds.Should().BeGreaterThanOrEqualTo(minimum);
    }

    [Test]
    public async Task The_journal_keeps_the_newest_requests_up_to_its_capacity_and_counts_the_dropped()
    {
        await using var server = await RunningServer.StartAsync(null, "--MockAccounts:Journal:Capacity=3");
        for (var i = 0; i < 5; i++)
        {
            await Calls.SendAsync(server.Client, Calls.Account(server, "opterius", $"journal-{i}"));
        }

        var journal = await server.Client.GetFromJsonAsync<JsonNode>("/__admin/requests");

        journal!["requests"]!.AsArray().Select(r => r!["request"]!["headers"]!["Authorization"]!.GetValue<string>())
            .Should().Equal("Bearer ****al-4", "Bearer ****al-3", "Bearer ****al-2");
        journal["meta"]!["total"]!.GetValue<int>().Should().Be(3);
        journal["meta"]!["dropped"]!.GetValue<long>().Should().Be(2);
        (await server.Client.GetFromJsonAsync<JsonNode>("/__admin/health"))!["journal"]!["dropped"]!.GetValue<long>().Should().Be(2);
    }

    [Test]
    public async Task A_disabled_journal_says_so()
    {
        await using var server = await RunningServer.StartAsync(null, "--MockAccounts:Journal:Capacity=0");
        await Calls.SendAsync(server.Client, Calls.Account(server, "opterius", "nobody-remembers"));

        var journal = await server.Client.GetFromJsonAsync<JsonNode>("/__admin/requests");

        journal!["requestJournalDisabled"]!.GetValue<bool>().Should().BeTrue();
        journal["requests"]!.AsArray().Should().BeEmpty();
    }
}
