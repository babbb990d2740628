using System.Net.Http.Json;
using System.Text.Json.Nodes;
using FluentAssertions;

namespace MockAccounts.Server.Tests;

/// <summary>Request header, then token binding, then vendor state, then the catalogue default.</summary>
public sealed class SelectionTests
{
    [Test]
    public async Task Each_rule_wins_over_the_ones_after_it()
    {
        await using var server = await RunningServer.StartAsync(null);
        var bound = Calls.NewToken("bound");
        var other = Calls.NewToken("other");

        async Task<string> StatusOf(string token, params (string Name, string Value)[] headers)
        {
            var request = Calls.Account(server, "runloop", token);
            foreach (var (name, value) in headers)
            {
                request.Headers.TryAddWithoutValidation(name, value);
            }

            var (status, body, _) = await Calls.SendAsync(server.Client, request);
            return status == 200 ? body!["account_status"]!.GetValue<string>() : status.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        (await StatusOf(other)).Should().Be("ACCOUNT_STATUS_ENABLED", "the catalogue default");

        using (var state = await server.Client.PutAsJsonAsync("/__admin/scenarios/runloop/state", new { state = "onboarding" }))
        {
            state.EnsureSuccessStatusCode();
        }

        (await StatusOf(other)).Should().Be("ACCOUNT_STATUS_ONBOARDING", "the vendor's current scenario");

        await Calls.BindAsync(server, "runloop", bound, "quota-reached");
        (await StatusOf(bound)).Should().Be("ACCOUNT_STATUS_DISABLED_QUOTA_REACHED", "the token's own scenario beats the vendor's");
        (await StatusOf(other)).Should().Be("ACCOUNT_STATUS_ONBOARDING", "binding one token never touches another");

        (await StatusOf(bound, ("Prefer", "scenario=trial-cancelled"))).Should().Be("ACCOUNT_STATUS_TRIAL_CANCELLED");
        (await StatusOf(bound, ("X-Mock-Scenario", "disabled-by-admin"))).Should().Be("ACCOUNT_STATUS_DISABLED_BY_ADMIN");
        (await StatusOf(bound, ("Prefer", "code=429"))).Should().Be("429", "Prism's Prefer: code= picks that status' scenario");
        (await StatusOf(bound, ("Prefer", "respond-async, code=404"))).Should().Be("404");

        using (var reset = await server.Client.PostAsync("/__admin/scenarios/reset", null))
        {
            reset.EnsureSuccessStatusCode();
        }

        (await StatusOf(other)).Should().Be("ACCOUNT_STATUS_ENABLED");
        (await StatusOf(bound)).Should().Be("ACCOUNT_STATUS_DISABLED_QUOTA_REACHED", "a scenario reset leaves token bindings alone");
    }

    [TestCase("Prefer", "scenario=no-such-thing", "'runloop' has no scenario 'no-such-thing' (scenarios: enabled,")]
    [TestCase("Prefer", "code=418", "'runloop' has no scenario answering 418 (statuses: 200, 401, 403, 404, 429, 500, 503)")]
    [TestCase("X-Mock-Scenario", "nope", "'runloop' has no scenario 'nope'")]
    public async Task An_unknown_requested_scenario_is_a_problem_naming_the_valid_ones(string header, string value, string detail)
    {
        var request = Calls.Account(SharedServer.Instance, "runloop", Calls.NewToken("ask"));
        request.Headers.TryAddWithoutValidation(header, value);

        var response = await SharedServer.Instance.Client.SendAsync(request);

        var problem = await Calls.ProblemAsync(response, 400);
        problem["detail"]!.GetValue<string>().Should().Contain(detail);
    }

    [Test]
    public async Task Thirty_two_concurrent_tokens_in_different_scenarios_never_see_each_others()
    {
        var server = SharedServer.Instance;
        var scenarios = server.Contracts.Current.Variant("runloop").Catalogue.Scenarios
            .Where(s => !s.IsSequence && s.Status == 200 && s.Steps[0] is { Delay: null, Fault: null }).Select(s => s.Name).ToArray();
        var tokens = Enumerable.Range(0, 32).Select(i => (Token: Calls.NewToken($"iso{i}"), Scenario: scenarios[i % scenarios.Length])).ToArray();
        await Task.WhenAll(tokens.Select(t => Calls.BindAsync(server, "runloop", t.Token, t.Scenario)));
        var expected = tokens.ToDictionary(t => t.Token, t => Expected(server, t.Token, t.Scenario));

        var seen = await Task.WhenAll(Enumerable.Range(0, 8).SelectMany(_ => tokens).Select(async t =>
        {
            var (_, body, _) = await Calls.SendAsync(server.Client, Calls.Account(server, "runloop", t.Token));
            return (t.Token, Body: body!.ToJsonString());
        }));

        seen.Should().OnlyContain(s => s.Body == expected[s.Token]);
    }

    private static string Expected(RunningServer server, string token, string scenario) =>
        JsonNode.Parse(server.Contracts.Current.Respond("runloop", "documented", token, scenario).Body)!.ToJsonString();
}
