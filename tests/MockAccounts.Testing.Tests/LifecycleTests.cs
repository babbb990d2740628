using System.Net.Http.Json;
using System.Text.Json.Nodes;
using FluentAssertions;

namespace MockAccounts.Testing.Tests;

public sealed class LifecycleTests
{
    [Test]
    public async Task A_server_starts_answers_and_stops()
    {
        Uri address;
        await using (var mock = await MockAccountsServer.StartAsync())
        {
            address = mock.BaseAddress;
            address.IsLoopback.Should().BeTrue();
            var account = await mock.Vendor("runloop").CreateAccountAsync();
            using var client = mock.CreateClient("runloop", account);
            (await client.GetFromJsonAsync<JsonNode>("v1/accounts/me"))!["id"]!.GetValue<string>().Should().Be(account.Body!["id"]!.GetValue<string>());
        }

        using var after = new HttpClient { BaseAddress = address };
        var call = () => after.GetAsync("__admin/health");
        await call.Should().ThrowAsync<HttpRequestException>("the port is closed after dispose");
    }

    [Test]
    public async Task A_start_whose_contracts_refuse_its_options_throws_their_error_and_the_next_start_works()
    {
        // The hosts are built while the contracts load: the load's own error must surface, not a host's.
        var start = () => MockAccountsServer.StartAsync(o => o.Variants["runloop"] = "v0");

        (await start.Should().ThrowAsync<Microsoft.Extensions.Options.OptionsValidationException>())
            .Which.Message.Should().Contain("Variants:runloop").And.Contain("no variant 'v0'");
        await using var next = await MockAccountsServer.StartAsync();
        (await next.Admin.GetAccountAsync("runloop", "t")).Scenario.Should().NotBeNullOrEmpty();
    }

    [Test]
    public async Task Two_servers_side_by_side_keep_their_own_state()
    {
        await using var one = await MockAccountsServer.StartAsync();
        await using var two = await MockAccountsServer.StartAsync(o => o.Seed = 7);

        await one.Admin.SetScenarioAsync("ultravox", "unlimited");

        one.BaseAddress.Should().NotBe(two.BaseAddress);
        (await one.Admin.GetAccountAsync("ultravox", "t")).Scenario.Should().Be("unlimited");
        (await two.Admin.GetAccountAsync("ultravox", "t")).Scenario.Should().Be("free-tier");
        (await one.Admin.GetAccountAsync("runloop", "t")).Body!["id"]!.GetValue<string>()
            .Should().NotBe((await two.Admin.GetAccountAsync("runloop", "t")).Body!["id"]!.GetValue<string>(), "the seeds differ");
    }

    [Test]
    public async Task Disposing_while_requests_run_completes_and_fails_them_cleanly()
    {
        var mock = await MockAccountsServer.StartAsync();
        var slow = await mock.Vendor("runloop").CreateAccountAsync("slow");
        using var client = mock.CreateClient(slow);
        var inFlight = Enumerable.Range(0, 8).Select(_ => client.GetAsync("v1/accounts/me")).ToArray();

        await mock.DisposeAsync();
        await mock.DisposeAsync();

        var outcomes = await Task.WhenAll(inFlight.Select(async t =>
        {
            try
            {
                return (int)(await t).StatusCode;
            }
            catch (HttpRequestException)
            {
                return -1;
            }
        }));
        outcomes.Should().OnlyContain(s => s == 200 || s == -1, "each request either finished or was cut off, never hung");
    }

    [Test]
    public async Task Options_reach_the_server()
    {
        await using var mock = await MockAccountsServer.StartAsync(o =>
        {
            o.Journal.Capacity = 2;
            o.ReferenceTime = "2030-01-01T00:00:00Z";
        });

        var health = await mock.Admin.GetHealthAsync();
        var account = await mock.Vendor("runloop").CreateAccountAsync();

        health.Journal.Capacity.Should().Be(2);
        DateTimeOffset.Parse(account.Body!["created_at"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture).Year.Should().BeInRange(2027, 2029);
    }
}
