// Compiled only by tests/consumer/run.sh, in a fresh project outside the repository that has nothing
// but the MockAccounts packages from a folder feed: what a team in another solution writes.
using System.Diagnostics;
using System.Net;
using System.Runtime.InteropServices;
using System.Text.Json.Nodes;
using FluentAssertions;
using MockAccounts.Testing;
using NUnit.Framework;

namespace Consumer.Tests;

[SetUpFixture]
public sealed class MockSetUp
{
    public static MockAccountsServer Mock { get; private set; } = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        var started = Stopwatch.StartNew();
        Mock = await MockAccountsServer.StartAsync();
        var line = $"first StartAsync in the consumer process: {started.Elapsed.TotalMilliseconds:F0} ms";
        TestContext.Progress.WriteLine(line);
        if (Environment.GetEnvironmentVariable("MOCKACCOUNTS_CONSUMER_TIMINGS") is { Length: > 0 } file)
        {
            await File.AppendAllTextAsync(file, line + Environment.NewLine);
        }
    }

    [OneTimeTearDown]
    public async Task StopAsync() => await Mock.DisposeAsync();
}

[Parallelizable(ParallelScope.All)]
public sealed class PackagedMockTests
{
    private static MockAccountsServer Mock => MockSetUp.Mock;

    [Test]
    public async Task Runloop_quota_reached_is_served_from_the_packaged_contract()
    {
        var account = await Mock.Vendor(Vendors.Runloop).CreateAccountAsync(Runloop.Scenarios.QuotaReached);
        using var http = Mock.CreateClient(account);

        using var response = await http.GetAsync("/v1/accounts/me");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        account.Scenario.Should().Be("quota-reached");
        Mock.GetRequests(account).Should().ContainSingle(r => r.Path == "/v1/accounts/me");
        Mock.GetRequests().Should().HaveReceived(1, Vendors.Runloop, account.Token);
    }

    [Test]
    public async Task Depicta_unverified_email_arrives_through_the_in_memory_handler()
    {
        var account = await Mock.Vendor(Vendors.Depicta).CreateAccountAsync(Depicta.Scenarios.UnverifiedEmail);
        using var http = new HttpClient(Mock.CreateHandler()) { BaseAddress = Mock.BaseAddress };
        account.Authorize(http.DefaultRequestHeaders);

        var body = await http.GetStringAsync("/v1/account/profile");

        // The same JSON, not the same text: the served body writes an apostrophe (O'Hara) as itself, ToJsonString escapes it.
        JsonNode.DeepEquals(JsonNode.Parse(body), account.Body).Should().BeTrue(body);
        Mock.GetRequests().Should().HaveReceivedCall(Vendors.Depicta, "GET", "/v1/account/profile");
    }

    [Test]
    public async Task Ultravox_rate_limited_answers_429_with_retry_after()
    {
        var account = await Mock.Vendor(Vendors.Ultravox).CreateAccountAsync(Ultravox.Scenarios.RateLimited);
        using var http = Mock.CreateClient(account);

        using var response = await http.GetAsync("/api/accounts/me");

        response.StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
        response.Headers.RetryAfter.Should().NotBeNull();
    }

    [Test]
    public void The_fixture_runs_the_ReadyToRun_builds_its_packages_have_for_linux_x64()
    {
        // The packages carry a precompiled build under runtimes/linux-x64/lib/ beside the IL in lib/.
        var precompiled = Path.Combine("runtimes", "linux-x64", "lib");
        foreach (var assembly in new[] { typeof(MockAccountsServer).Assembly, typeof(MockAccounts.AspNetCore.Hosting.MockAccountsHost).Assembly, typeof(MockAccounts.Core.ContractSnapshot).Assembly })
        {
            if (RuntimeInformation.RuntimeIdentifier == "linux-x64")
            {
                assembly.Location.Should().Contain(precompiled, $"{assembly.GetName().Name} has a ReadyToRun build for this platform");
            }
            else
            {
                assembly.Location.Should().NotContain(precompiled, "elsewhere the IL build serves");
            }
        }
    }

    [Test]
    public async Task The_admin_client_takes_typed_names()
    {
        await using var own = await MockAccountsServer.StartAsync(o => o.Seed = 7);
        await own.Admin.SetScenarioAsync(Vendors.Ultravox, Ultravox.Scenarios.AtConcurrencyLimit);

        var vendor = await own.Admin.GetVendorAsync(Vendors.Ultravox);

        vendor.Scenario.Should().Be(Ultravox.Scenarios.AtConcurrencyLimit);
    }
}
