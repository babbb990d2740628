using System.Net.Http.Json;
using System.Text.Json.Nodes;
using FluentAssertions;

namespace MockAccounts.Server.Tests;

/// <summary>
/// Every request (and admin query) has one budget for all its matching: slow patterns cannot multiply it, a spent
/// budget is a problem naming the setting, and a doesNotMatch that never finished is not a match.
/// </summary>
public sealed class MatchingBudgetTests
{
    // A backreference keeps this on the backtracking engine; on thirty a's it backtracks for minutes.
    private const string Catastrophic = "(a+)+\\\\1b";
    private const string Slow = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";

    [Test]
    public async Task Slow_mappings_share_one_budget_and_a_spent_budget_answers_a_problem_naming_the_setting()
    {
        await using var server = await RunningServer.StartAsync(null, "--MockAccounts:HotReload=false", "--MockAccounts:Mappings:MatchBudget=00:00:00.050");
        for (var i = 0; i < 25; i++)
        {
            (await server.Client.PostAsync("/__admin/mappings", Calls.Json("""{"request": {"urlPathPattern": "/slow/§"}, "response": {"status": 204}}""".Replace("§", Catastrophic, StringComparison.Ordinal)))).EnsureSuccessStatusCode();
        }

        var answer = await server.Client.GetAsync($"/slow/{Slow}");

        var problem = await Calls.ProblemAsync(answer, 500);
        problem["title"]!.GetValue<string>().Should().Be("Matching budget spent");
        problem["detail"]!.GetValue<string>().Should().Contain("MockAccounts:Mappings:MatchBudget").And.Contain("50 ms");
        var entry = (await server.Client.GetFromJsonAsync<JsonNode>("/__admin/requests"))!["requests"]![0]!;
        entry["mockAccounts"]!["outcome"]!.GetValue<string>().Should().Be("error");
        entry["response"]!["status"]!.GetValue<int>().Should().Be(500);
    }

    [Test]
    public async Task A_doesNotMatch_whose_regex_runs_out_of_time_is_not_a_match()
    {
        await using var server = await RunningServer.StartAsync(null, "--MockAccounts:HotReload=false", "--MockAccounts:Mappings:MatchBudget=00:00:00.050");
        (await server.Client.PostAsync("/__admin/mappings", Calls.Json("""{"request": {"urlPath": "/guarded", "headers": {"X-Probe": {"doesNotMatch": "§"}}}, "response": {"status": 204}}""".Replace("§", Catastrophic, StringComparison.Ordinal)))).EnsureSuccessStatusCode();
        var request = new HttpRequestMessage(HttpMethod.Get, "/guarded");
        request.Headers.Add("X-Probe", Slow);

        var answer = await server.Client.SendAsync(request);

        ((int)answer.StatusCode).Should().NotBe(204, "a doesNotMatch that never finished must not count as a match");
        (await Calls.ProblemAsync(answer, 500))["title"]!.GetValue<string>().Should().Be("Matching budget spent");
    }

    [Test]
    public async Task A_JSONPath_whose_values_meet_a_slow_pattern_spends_the_same_budget()
    {
        await using var server = await RunningServer.StartAsync(null, "--MockAccounts:HotReload=false", "--MockAccounts:Mappings:MatchBudget=00:00:00.050");
        (await server.Client.PostAsync("/__admin/mappings", Calls.Json("""{"request": {"urlPath": "/jp", "bodyPatterns": [{"matchesJsonPath": {"expression": "$..*", "matches": "§"}}]}, "response": {"status": 204}}""".Replace("§", Catastrophic, StringComparison.Ordinal)))).EnsureSuccessStatusCode();
        var body = "{" + string.Join(", ", Enumerable.Range(0, 40).Select(i => $"\"f{i}\": \"{Slow}\"")) + "}";

        var answer = await server.Client.PostAsync("/jp", Calls.Json(body));

        (await Calls.ProblemAsync(answer, 500))["detail"]!.GetValue<string>().Should().Contain("MockAccounts:Mappings:MatchBudget");
    }

    [Test]
    public async Task An_admin_query_has_its_own_budget_and_a_spent_one_answers_422_naming_the_setting()
    {
        await using var server = await RunningServer.StartAsync(null, "--MockAccounts:HotReload=false", "--MockAccounts:Mappings:QueryBudget=00:00:00.050");
        for (var i = 0; i < 10; i++)
        {
            await server.Client.GetAsync($"/slow/{Slow}{i}");
        }

        var find = await server.Client.PostAsync("/__admin/requests/find", Calls.Json("""{"urlPattern": "/slow/§"}""".Replace("§", Catastrophic, StringComparison.Ordinal)));
        var remove = await server.Client.PostAsync("/__admin/requests/remove", Calls.Json("""{"urlPattern": "/slow/§"}""".Replace("§", Catastrophic, StringComparison.Ordinal)));

        (await Calls.ProblemAsync(find, 422))["detail"]!.GetValue<string>().Should().Contain("MockAccounts:Mappings:QueryBudget");
        await Calls.ProblemAsync(remove, 422);
        (await server.Client.GetFromJsonAsync<JsonNode>("/__admin/requests"))!["meta"]!["total"]!.GetValue<int>().Should().Be(10, "a query that ran out of time removes nothing");
    }
}
