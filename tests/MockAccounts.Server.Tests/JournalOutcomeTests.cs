using System.Net.Http.Json;
using System.Text.Json.Nodes;
using FluentAssertions;

namespace MockAccounts.Server.Tests;

/// <summary>
/// The journal records what happened on the wire, once it happened: the fault instead of a status
/// that was never sent, the time including the scenario's delay, the vendor that refused a request's
/// own controls, and why the scenario that answered was chosen.
/// </summary>
public sealed class JournalOutcomeTests
{
    private static async Task<JsonArray> JournalAsync(RunningServer server) =>
        (await server.Client.GetFromJsonAsync<JsonNode>("/__admin/requests"))!["requests"]!.AsArray();

    private static HttpRequestMessage Asking(RunningServer server, string token, string prefer)
    {
        var request = Calls.Account(server, "runloop", token);
        request.Headers.TryAddWithoutValidation("Prefer", prefer);
        return request;
    }

    [Test]
    public async Task A_connection_reset_is_journaled_as_the_fault_it_was_not_as_a_200()
    {
        await using var server = await RunningServer.StartAsync(null, "--MockAccounts:HotReload", "false");

        var send = () => server.Client.SendAsync(Asking(server, "rl_reset_me", "scenario=connection-reset"));

        await send.Should().ThrowAsync<HttpRequestException>();
        var entry = (await JournalAsync(server)).Should().ContainSingle().Subject!;
        entry["response"]!["status"]!.GetValue<int>().Should().Be(0, "no status line was sent");
        entry["mockAccounts"]!["fault"]!.GetValue<string>().Should().Be("connection-reset");
        entry["mockAccounts"]!["outcome"]!.GetValue<string>().Should().Be("fault");
        entry["mockAccounts"]!["scenario"]!.GetValue<string>().Should().Be("connection-reset");
    }

    [Test]
    public async Task A_delayed_response_is_journaled_once_sent_with_the_delay_in_its_time()
    {
        var clock = new CountingClock();
        await using var server = await RunningServer.StartWithClockAsync(clock);

        var pending = Calls.SendAsync(server.Client, Asking(server, "rl_patient", "scenario=slow"));
        await Eventually.UntilAsync(() => clock.Timers > 0, "the slow scenario to wait on the clock");

        (await JournalAsync(server)).Should().BeEmpty("the response has not been sent yet");
        clock.Advance(TimeSpan.FromSeconds(5));
        (await pending).Status.Should().Be(200);
        var entry = (await JournalAsync(server)).Should().ContainSingle().Subject!;
        entry["timing"]!["totalTime"]!.GetValue<double>().Should().BeGreaterThanOrEqualTo(2000, "the slow scenario waits 2 to 5 seconds on the server's clock");
        entry["mockAccounts"]!["outcome"]!.GetValue<string>().Should().Be("sent");
        entry["response"]!["status"]!.GetValue<int>().Should().Be(200);
    }

    [Test]
    public async Task A_request_whose_own_scenario_ask_is_refused_is_journaled_with_its_vendor()
    {
        await using var server = await RunningServer.StartAsync(null, "--MockAccounts:HotReload", "false");

        var refused = await Calls.SendAsync(server.Client, Asking(server, "rl_typo", "scenario=no-such-scenario"));

        refused.Status.Should().Be(400);
        var entry = (await JournalAsync(server)).Should().ContainSingle().Subject!;
        entry["mockAccounts"]!["vendor"]!.GetValue<string>().Should().Be("runloop");
        entry["mockAccounts"]!["outcome"]!.GetValue<string>().Should().Be("rejected");
    }

    [Test]
    public async Task The_journal_says_why_each_scenario_was_chosen()
    {
        await using var server = await RunningServer.StartAsync(null, "--MockAccounts:HotReload", "false");

        await Calls.SendAsync(server.Client, Calls.Account(server, "runloop", "rl_plain"));
        await Calls.SendAsync(server.Client, Asking(server, "rl_asking", "scenario=trial"));
        await Calls.BindAsync(server, "runloop", "rl_bound", "quota-reached");
        await Calls.SendAsync(server.Client, Calls.Account(server, "runloop", "rl_bound"));
        await Calls.SendAsync(server.Client, Calls.Account(server, "runloop", null));
        (await server.Client.PutAsJsonAsync("/__admin/scenarios/runloop/state", new { state = "trial" })).EnsureSuccessStatusCode();
        await Calls.SendAsync(server.Client, Calls.Account(server, "runloop", "rl_switched"));

        var sources = (await JournalAsync(server)).Reverse()
            .Select(e => (e!["mockAccounts"]!["scenario"]!.GetValue<string>(), e["mockAccounts"]!["scenarioSource"]!.GetValue<string>()));
        sources.Should().Equal(
            ("enabled", "default"),
            ("trial", "request-header"),
            ("quota-reached", "token-binding"),
            ("unauthorized", "missing-credentials"),
            ("trial", "vendor-state"));
    }

    [Test]
    public async Task Every_answer_is_in_the_journal_by_the_time_the_client_has_read_it()
    {
        await using var server = await RunningServer.StartAsync(null, "--MockAccounts:HotReload", "false");

        for (var i = 1; i <= 40; i++)
        {
            var scenario = (i % 4) switch { 0 => "slow-body", 1 => "enabled", 2 => "rate-limited", _ => "no-such-scenario" };
            if (scenario == "slow-body" && i > 4)
            {
                scenario = "trial";
            }

            await Calls.SendAsync(server.Client, Asking(server, $"rl_reader_{i}", $"scenario={scenario}"));

            var count = await (await server.Client.PostAsJsonAsync("/__admin/requests/count", new { method = "GET" })).Content.ReadFromJsonAsync<JsonNode>();
            count!["count"]!.GetValue<int>().Should().Be(i, $"request {i} ({scenario}) was answered");
        }
    }
}
