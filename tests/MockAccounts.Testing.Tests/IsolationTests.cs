using System.Net.Http.Json;
using System.Text.Json.Nodes;
using FluentAssertions;

namespace MockAccounts.Testing.Tests;

/// <summary>64 tests at once on one server, each with its own account, never see each other's.</summary>
[Parallelizable(ParallelScope.All)]
public sealed class IsolationTests
{
    private static readonly string[] Scenarios = ["unverified-email", "zero-balance", "funded", "two-factor", "generation-in-flight", "payment-required", "account-suspended", "pending-credit-notice"];

    private static IEnumerable<int> Cases() => Enumerable.Range(0, 64);

    [TestCaseSource(nameof(Cases))]
    public async Task Each_parallel_test_gets_exactly_its_own_account(int n)
    {
        var scenario = Scenarios[n % Scenarios.Length];
        var account = await Mock.Server.Vendor("depicta").CreateAccountAsync(scenario);
        using var client = Mock.Server.CreateClient("depicta", account);

        for (var i = 0; i < 5; i++)
        {
            using var response = await client.GetAsync("v1/account/profile");
            ((int)response.StatusCode).Should().Be(account.Status);
            JsonNode.DeepEquals(await response.Content.ReadFromJsonAsync<JsonNode>(), account.Body).Should().BeTrue(scenario);
        }

        Mock.Server.GetRequests().Should().HaveReceived(5, "depicta", account.Token);
    }
}
