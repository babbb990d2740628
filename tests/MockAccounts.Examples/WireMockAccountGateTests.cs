using FluentAssertions;
using MockAccounts.Testing;
using WireMock.Server;

namespace MockAccounts.Examples.OnWireMock;

/// <summary>The same consumer against the vendors on a WireMock.Net server.</summary>
[Parallelizable(ParallelScope.All)]
public sealed class WireMockAccountGateTests
{
    private static WireMockServer Server => WireMockSetUp.Server;

    [TestCase(Depicta.Scenarios.Funded, "Allowed")]
    [TestCase(Depicta.Scenarios.ZeroBalance, "Denied: zero balance")]
    [TestCase(Depicta.Scenarios.RateLimited, "RetryLater: rate limited")]
    public async Task Depicta_accounts_gate_jobs_on_WireMock_Net(string scenario, string expected)
    {
        var account = await WireMockSetUp.Mock.Vendor(Vendors.Depicta).CreateAccountAsync(scenario);
        using var http = new HttpClient { BaseAddress = new Uri(Server.Url!) };
        account.Authorize(http.DefaultRequestHeaders);

        var decision = await new AccountGate(http).DepictaAsync();

        AccountGateTests.Describe(decision).Should().Be(expected);
    }

    [Test, NonParallelizable]
    public async Task A_whole_vendor_switches_the_WireMock_Net_way()
    {
        Server.SetScenarioState(Vendors.Ultravox, Ultravox.Scenarios.AtConcurrencyLimit);
        using var http = new HttpClient { BaseAddress = new Uri(Server.Url!) };
        http.DefaultRequestHeaders.Add("X-API-Key", "abcd1234.0123456789abcdef0123456789abcdef");

        var decision = await new AccountGate(http).UltravoxAsync();

        AccountGateTests.Describe(decision).Should().Be("RetryLater: concurrency cap");
        Server.ResetScenarios();
    }
}
