using System.Net.Http.Json;
using FluentAssertions;
using MockAccounts.Core.Contracts;
using MockAccounts.Core.Scenarios;

namespace MockAccounts.Server.Tests;

/// <summary>Every scenario of every vendor, over real HTTP, each on its own token, all at once.</summary>
[Parallelizable(ParallelScope.All)]
public sealed class ScenarioServingTests
{
    [TestCaseSource(typeof(ScenarioCases), nameof(ScenarioCases.All))]
    public async Task Scenario_is_served_step_by_step_within_its_contract(string vendor, string variant, string scenarioName)
    {
        var server = SharedServer.Instance;
        var scenario = server.Contracts.Current.Variant(vendor, variant).Catalogue.Find(scenarioName)!;
        var token = Calls.NewToken(scenarioName);
        if (variant != VendorContract.DocumentedVariant)
        {
            // Per token: a vendor-wide variant would be shared state between parallel cases.
            using var chosen = await server.Client.PutAsJsonAsync($"/__admin/vendors/{vendor}/tokens/{token}/variant", new { variant });
            chosen.EnsureSuccessStatusCode();
        }

        await Calls.BindAsync(server, vendor, token, scenarioName);

        var steps = scenario.Steps.SelectMany(s => Enumerable.Repeat(s, Math.Min(s.Repeat, 3))).Append(scenario.Steps[^1]);
        foreach (var step in steps)
        {
            if (step.Fault is FaultKind.ConnectionReset or FaultKind.EmptyResponse)
            {
                using var raw = new HttpClient { BaseAddress = server.Address };
                var call = () => raw.SendAsync(Calls.Account(server, vendor, token));
                await call.Should().ThrowAsync<HttpRequestException>($"{step.Fault} closes the connection without a response");
                continue;
            }

            if (step.Fault is FaultKind.MalformedJson)
            {
                using var raw = new HttpClient { BaseAddress = server.Address };
                var cut = await raw.SendAsync(Calls.Account(server, vendor, token));
                ((int)cut.StatusCode).Should().Be(step.Status);
                cut.Content.Headers.ContentType!.MediaType.Should().Be("application/json");
                var parse = async () => System.Text.Json.Nodes.JsonNode.Parse(await cut.Content.ReadAsStringAsync());
                await parse.Should().ThrowAsync<System.Text.Json.JsonException>("the body is cut off on purpose");
                continue;
            }

            // The checking client validates the body against the contract on the way in.
            var (status, _, response) = await Calls.SendAsync(server.Client, Calls.Account(server, vendor, token));
            status.Should().Be(step.Status);
            foreach (var (name, value) in step.Headers)
            {
                response.Headers.GetValues(name).Should().Equal(value);
            }
        }
    }
}
