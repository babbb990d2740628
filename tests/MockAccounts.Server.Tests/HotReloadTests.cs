using System.Net.Http.Json;
using System.Text.Json.Nodes;
using FluentAssertions;

namespace MockAccounts.Server.Tests;

/// <summary>Edits apply without a restart; a broken edit keeps the last good contract serving.</summary>
public sealed class HotReloadTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    [Test]
    public async Task A_good_edit_is_served_and_a_broken_one_is_reported_while_the_last_good_contract_serves()
    {
        var root = Repository.CopyOf(Repository.Root);
        await using var server = await RunningServer.StartAsync(root);
        var catalogue = Path.Combine(root, "mocks", "runloop", "scenarios.json");
        var original = await File.ReadAllTextAsync(catalogue);

        await File.WriteAllTextAsync(catalogue, original.Replace("\"default\": \"enabled\"", "\"default\": \"trial\"", StringComparison.Ordinal));
        var trial = await EventuallyAsync(server, async () =>
            (await Calls.SendAsync(server.Client, Calls.Account(server, "runloop", "reload"))).Body!["tier"]!.GetValue<string>() == "ACCOUNT_TIER_TRIAL");
        trial.Should().BeTrue("the edited default is served without a restart");

        await File.WriteAllTextAsync(catalogue, original.Replace("\"status\": 429", "\"status\": 418", StringComparison.Ordinal));
        var degraded = await EventuallyAsync(server, async () =>
            (await server.Client.GetFromJsonAsync<JsonNode>("/__admin/health"))!["status"]!.GetValue<string>() == "degraded");
        degraded.Should().BeTrue();
        var health = await server.Client.GetFromJsonAsync<JsonNode>("/__admin/health");
        health!["contracts"]!["lastReloadError"]!.GetValue<string>().Should().Contain("mocks/runloop/scenarios.json").And.Contain("418 is not a documented response");
        var errors = health["contracts"]!["reloadErrors"]!.AsArray();
        errors.Should().HaveCountGreaterThan(0, "each broken place is listed");
        var error = errors[0]!;
        error["file"]!.GetValue<string>().Should().EndWith(Path.Combine("mocks", "runloop", "scenarios.json"));
        error["pointer"]!.GetValue<string>().Should().StartWith("/scenarios/");
        error["message"]!.GetValue<string>().Should().Contain("418 is not a documented response");
        (await Calls.SendAsync(server.Client, Calls.Account(server, "runloop", "reload"))).Body!["tier"]!.GetValue<string>()
            .Should().Be("ACCOUNT_TIER_TRIAL", "the last good contract keeps serving");

        await File.WriteAllTextAsync(catalogue, original);
        (await EventuallyAsync(server, async () =>
            (await server.Client.GetFromJsonAsync<JsonNode>("/__admin/health"))!["status"]!.GetValue<string>() == "healthy")).Should().BeTrue();
        (await Calls.SendAsync(server.Client, Calls.Account(server, "runloop", "reload"))).Body!["tier"]!.GetValue<string>().Should().Be("ACCOUNT_TIER_PRO");
    }

    /// <summary>Polls until the condition holds or patience runs out (bounded; not a timing assertion).</summary>
    private static async Task<bool> EventuallyAsync(RunningServer server, Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (DateTime.UtcNow < deadline)
        {
            if (await condition())
            {
                return true;
            }

            await Task.Delay(100);
        }

        return false;
    }
}
