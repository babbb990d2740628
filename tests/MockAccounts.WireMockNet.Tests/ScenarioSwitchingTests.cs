using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using FluentAssertions;
using MockAccounts.Testing;

namespace MockAccounts.WireMockNet.Tests;

/// <summary>A vendor is a WireMock.Net scenario: WireMock.Net's own ways of setting a scenario's state switch the vendor.</summary>
[Parallelizable(ParallelScope.All)]
public sealed class ScenarioSwitchingTests
{
    private const string Path = "/v1/accounts/me";

    [Test]
    public async Task SetScenarioState_switches_the_vendor_for_every_token_without_its_own()
    {
        var (server, mock) = await Hosts.StartWireMockAsync();
        using var _ = server;
        using var __ = mock;
        using var http = Hosts.Client(server);
        http.DefaultRequestHeaders.Authorization = new("Bearer", "rl_switch");
        (await StatusAsync(http)).Should().Be(HttpStatusCode.OK);

        server.SetScenarioState(Vendors.Runloop, Runloop.Scenarios.RateLimited);

        using var response = await http.GetAsync(Path);
        response.StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
        response.Headers.RetryAfter.Should().NotBeNull();
    }

    [Test]
    public async Task ResetScenarios_puts_the_vendor_back_on_its_default()
    {
        var (server, mock) = await Hosts.StartWireMockAsync();
        using var _ = server;
        using var __ = mock;
        using var http = Hosts.Client(server);
        http.DefaultRequestHeaders.Authorization = new("Bearer", "rl_reset");
        server.SetScenarioState(Vendors.Runloop, Runloop.Scenarios.RateLimited);
        (await StatusAsync(http)).Should().Be(HttpStatusCode.TooManyRequests);

        server.ResetScenarios();

        (await StatusAsync(http)).Should().Be(HttpStatusCode.OK);
    }

    [Test]
    public async Task WireMock_admin_PUT_scenario_state_switches_the_vendor_and_no_state_resets_it()
    {
        var (server, mock) = await Hosts.StartWireMockAsync();
        using var _ = server;
        using var __ = mock;
        using var http = Hosts.Client(server);
        http.DefaultRequestHeaders.Authorization = new("Bearer", "rl_admin");

        using (var put = await http.PutAsJsonAsync("/__admin/scenarios/runloop/state", new { state = Runloop.Scenarios.RateLimited }))
        {
            put.StatusCode.Should().Be(HttpStatusCode.OK);
        }

        (await StatusAsync(http)).Should().Be(HttpStatusCode.TooManyRequests);
        using (var reset = await http.PutAsJsonAsync("/__admin/scenarios/runloop/state", new { state = (string?)null }))
        {
            reset.StatusCode.Should().Be(HttpStatusCode.OK);
        }

        (await StatusAsync(http)).Should().Be(HttpStatusCode.OK);
    }

    [Test]
    public async Task A_state_that_is_no_scenario_of_the_vendor_is_refused_naming_its_scenarios()
    {
        var (server, mock) = await Hosts.StartWireMockAsync();
        using var _ = server;
        using var __ = mock;
        using var http = Hosts.Client(server);
        http.DefaultRequestHeaders.Authorization = new("Bearer", "rl_unknown");

        server.SetScenarioState(Vendors.Runloop, "quota-reachd");

        using var response = await http.GetAsync(Path);
        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        problem["title"]!.GetValue<string>().Should().Be("Unknown scenario");
        problem["detail"]!.GetValue<string>().Should().Contain("'quota-reachd'").And.Contain(Runloop.Scenarios.QuotaReached);
    }

    [Test]
    public async Task A_state_that_is_no_scenario_does_not_stop_a_token_bound_to_its_own()
    {
        var (server, mock) = await Hosts.StartWireMockAsync();
        using var _ = server;
        using var __ = mock;
        var account = await mock.Vendor(Vendors.Runloop).CreateAccountAsync(Runloop.Scenarios.Trial);
        using var http = Hosts.Client(server);
        account.Authorize(http.DefaultRequestHeaders);

        server.SetScenarioState(Vendors.Runloop, "quota-reachd");

        var body = await http.GetStringAsync(Path);
        JsonNode.DeepEquals(JsonNode.Parse(body), account.Body).Should().BeTrue(body);
    }

    [Test]
    public async Task A_token_bound_to_its_own_scenario_keeps_it_whatever_the_vendor_state()
    {
        var (server, mock) = await Hosts.StartWireMockAsync();
        using var _ = server;
        using var __ = mock;
        var account = await mock.Vendor(Vendors.Runloop).CreateAccountAsync(Runloop.Scenarios.QuotaReached);
        using var http = Hosts.Client(server);
        account.Authorize(http.DefaultRequestHeaders);

        server.SetScenarioState(Vendors.Runloop, Runloop.Scenarios.RateLimited);

        using var response = await http.GetAsync(Path);
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        // The same JSON, not the same text: the served body writes an apostrophe (O'Hara) as itself, ToJsonString escapes it.
        var body = await response.Content.ReadAsStringAsync();
        JsonNode.DeepEquals(JsonNode.Parse(body), account.Body).Should().BeTrue(body);
    }

    [Test]
    public async Task ResetAsync_resets_the_vendor_scenarios_and_brings_back_mappings_that_ResetMappings_removed()
    {
        var (server, mock) = await Hosts.StartWireMockAsync();
        using var _ = server;
        using var __ = mock;
        using var http = Hosts.Client(server);
        http.DefaultRequestHeaders.Authorization = new("Bearer", "rl_again");
        server.SetScenarioState(Vendors.Runloop, Runloop.Scenarios.RateLimited);
        server.ResetMappings();
        using (var raw = new HttpClient { BaseAddress = new Uri(server.Url!) })
        {
            // WireMock.Net's own 404, which no contract describes: not through the checking client.
            (await raw.GetAsync(Path)).StatusCode.Should().Be(HttpStatusCode.NotFound, "WireMock.Net's reset removes every mapping");
        }

        await mock.ResetAsync();

        (await StatusAsync(http)).Should().Be(HttpStatusCode.OK);
        server.Scenarios.Should().NotContainKey(Vendors.Runloop);
    }

    [Test]
    public async Task Dispose_removes_the_vendor_mappings_and_leaves_the_server_running()
    {
        var (server, mock) = await Hosts.StartWireMockAsync();
        using var _ = server;
        var ids = mock.MappingIds;
        server.Mappings.Select(m => m.Guid).Should().Contain(ids);

        mock.Dispose();

        server.Mappings.Select(m => m.Guid).Should().NotIntersectWith(ids);
        server.IsStarted.Should().BeTrue();
    }

    private static async Task<HttpStatusCode> StatusAsync(HttpClient http)
    {
        using var response = await http.GetAsync(Path);
        return response.StatusCode;
    }
}
