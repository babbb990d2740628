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

        var requestIds = new HashSet<string?>();
        for (var i = 0; i < 5; i++)
        {
            using var response = await client.GetAsync("v1/account/profile");
            ((int)response.StatusCode).Should().Be(account.Status);
            var body = (await response.Content.ReadFromJsonAsync<JsonNode>())!.AsObject();
            // Seed 003: request_id identifies one request, so it is the only field that differs between them.
            requestIds.Add(body.Remove("request_id", out var id) ? id!.GetValue<string>() : null);
            var expected = account.Body!.DeepClone().AsObject();
            expected.Remove("request_id");
            JsonNode.DeepEquals(body, expected).Should().BeTrue(scenario);
        }

        requestIds.Should().HaveCount(account.Status == 200 ? 1 : 5, "an error's request_id differs on every request");

        Mock.Server.GetRequests().Should().HaveReceived(5, "depicta", account.Token);
    }
}
