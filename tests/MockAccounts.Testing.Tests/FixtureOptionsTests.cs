using System.Text.Json;
using FluentAssertions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;
using MockAccounts.AspNetCore;
using MockAccounts.AspNetCore.Hosting;

namespace MockAccounts.Testing.Tests;

/// <summary>The fixture's options: the server's own, plus a logger and a clock.</summary>
[Parallelizable(ParallelScope.All)]
public sealed class FixtureOptionsTests
{
    [Test]
    public void Every_default_is_the_servers()
    {
        var fixture = JsonSerializer.Serialize<MockAccountsOptions>(new MockAccountsServerOptions());
        var server = JsonSerializer.Serialize(new MockAccountsOptions());

        fixture.Should().Be(server);
    }

    [Test]
    public async Task A_slow_scenario_answers_when_the_fake_clock_passes_its_delay()
    {
        var clock = new CountingClock();
        await using var mock = await MockAccountsServer.StartAsync(o => o.TimeProvider = clock);
        var account = await mock.Vendor(Vendors.Runloop).CreateAccountAsync(Runloop.Scenarios.Slow);
        using var http = new HttpClient(mock.CreateHandler()) { BaseAddress = mock.BaseAddress };
        account.Authorize(http.DefaultRequestHeaders);

        var answering = http.GetAsync("/v1/accounts/me");
        await Until(() => clock.Timers > 0 || answering.IsCompleted);
        answering.IsCompleted.Should().BeFalse("the scenario waits 2 to 5 seconds on the clock");
        clock.Advance(TimeSpan.FromMilliseconds(1999));
        answering.IsCompleted.Should().BeFalse("not even 2 seconds have passed on the clock");
        clock.Advance(TimeSpan.FromMilliseconds(3001));
        using var response = await answering.WaitAsync(TimeSpan.FromSeconds(30));

        ((int)response.StatusCode).Should().Be(200);
    }

    [Test]
    public async Task A_vendor_that_reads_its_key_from_the_query_gets_it_there_from_the_fixtures_client()
    {
        var folder = Path.Combine(MockAccounts.Tests.Support.Repository.Root, "tests/MockAccounts.Server.Tests/TestData/query-key-vendor");
        await using var mock = await MockAccountsServer.StartAsync(o => o.ExtraContracts = [folder]);
        var account = await mock.Vendor("quokka").CreateAccountAsync("active");
        using var http = mock.CreateClient(account);

        using var response = await http.GetAsync("/quokka/v1/me");
        var headers = () => account.Authorize(http.DefaultRequestHeaders);

        ((int)response.StatusCode).Should().Be(200);
        headers.Should().Throw<InvalidOperationException>().WithMessage("*?api_key=*");
        mock.GetRequests().Should().ContainSingle(r => r.Token == account.Token);
    }

    [Test]
    public async Task The_request_log_goes_to_the_given_logger_factory()
    {
        var lines = await RequestLogOfAsync(async http => (await http.GetAsync("/v1/account/profile")).Dispose());

        lines.Should().ContainSingle().Which.Should().Contain("GET /v1/account/profile").And.Contain("depicta/zero-balance");
    }

    [Test]
    public async Task The_request_log_says_why_each_scenario_was_chosen_and_which_vendor_refused_a_request()
    {
        var lines = await RequestLogOfAsync(async http =>
        {
            (await http.GetAsync("/v1/account/profile")).Dispose();
            using var typo = new HttpRequestMessage(HttpMethod.Get, "/v1/account/profile");
            typo.Headers.TryAddWithoutValidation("Prefer", "scenario=no-such-scenario");
            (await http.SendAsync(typo)).Dispose();
        });

        lines.Should().HaveCount(2);
        lines[0].Should().Contain("depicta/zero-balance (token-binding)");
        lines[1].Should().Contain("-> 400 depicta/-").And.NotContain("-/-");
    }

    /// <summary>The request log lines a fixture writes to its logger factory while <paramref name="send"/> calls as a zero-balance Depicta account.</summary>
    private static async Task<string[]> RequestLogOfAsync(Func<HttpClient, Task> send)
    {
        var collector = new FakeLogCollector();
        using var loggers = LoggerFactory.Create(logging => logging.AddProvider(new FakeLoggerProvider(collector)));
        var mock = await MockAccountsServer.StartAsync(o => o.LoggerFactory = loggers);
        var account = await mock.Vendor(Vendors.Depicta).CreateAccountAsync(Depicta.Scenarios.ZeroBalance);
        using (var http = mock.CreateClient(account))
        {
            await send(http);
        }

        await mock.DisposeAsync();
        return collector.GetSnapshot().Where(r => r.Category == MockAccountsOptions.RequestLogCategory).Select(r => r.Message).ToArray();
    }

    [Test]
    public async Task ResetAsync_puts_a_switched_vendor_back_on_its_default()
    {
        await using var mock = await MockAccountsServer.StartAsync();
        await mock.Admin.SetScenarioAsync(Vendors.Ultravox, Ultravox.Scenarios.RateLimited);

        await mock.ResetAsync();

        (await mock.Admin.GetVendorAsync(Vendors.Ultravox)).Scenario.Should().Be(Ultravox.Scenarios.FreeTier);
    }

    [Test]
    public async Task GetRequests_is_a_copy_that_later_requests_do_not_change()
    {
        await using var mock = await MockAccountsServer.StartAsync();
        var account = await mock.Vendor(Vendors.Runloop).CreateAccountAsync();
        using var http = mock.CreateClient(account);
        (await http.GetAsync("/v1/accounts/me")).Dispose();
        var before = mock.GetRequests();

        (await http.GetAsync("/v1/accounts/me")).Dispose();

        before.Should().HaveCount(1);
        mock.GetRequests().Should().HaveCount(2);
    }

    [Test]
    public async Task GetRequests_of_an_account_holds_its_requests_only_whoever_else_calls_the_same_vendor()
    {
        await using var mock = await MockAccountsServer.StartAsync();
        var mine = await mock.Vendor(Vendors.Runloop).CreateAccountAsync();
        var theirs = await mock.Vendor(Vendors.Runloop).CreateAccountAsync();
        using (var other = mock.CreateClient(theirs))
        {
            (await other.GetAsync("/v1/accounts/me")).Dispose();
        }

        using (var http = mock.CreateClient(mine))
        {
            (await http.GetAsync("/v1/accounts/me")).Dispose();
            (await http.GetAsync("/runloop/v1/accounts/me")).Dispose();
        }

        mock.GetRequests(mine).Select(r => r.Path).Should().Equal("/v1/accounts/me", "/runloop/v1/accounts/me");
        mock.GetRequests(mine).Should().OnlyContain(r => r.Token == mine.Token && r.Vendor == "runloop");
        mock.GetRequests().Should().HaveCount(3);
    }

    [Test]
    public async Task A_relative_contract_folder_is_found_in_the_test_project_when_it_is_not_beside_the_tests()
    {
        // A folder of the repository, relative to this test project and not copied to its output.
        const string Folder = "../MockAccounts.Core.Tests/TestData/fifth-vendor";
        Directory.Exists(Path.Combine(AppContext.BaseDirectory, Folder)).Should().BeFalse();

        await using var mock = await MockAccountsServer.StartAsync(o => o.ExtraContracts = [Folder]);

        (await mock.Admin.GetVendorsAsync()).Vendors.Select(v => v.Name).Should().Contain("acme");
    }

    [Test]
    public async Task A_relative_contract_folder_found_nowhere_names_every_absolute_path_tried_and_the_copy_item()
    {
        var start = () => MockAccountsServer.StartAsync(o => o.ExtraContracts = ["team-contracts"]);

        var project = Path.Combine(Repository.Root, "tests", "MockAccounts.Testing.Tests");
        (await start.Should().ThrowAsync<OptionsValidationException>()).Which.Failures.Should().Equal(
            $"MockAccounts:ExtraContracts:0: folder 'team-contracts' does not exist: looked for {Path.Combine(AppContext.BaseDirectory, "team-contracts")} (beside the test assembly) "
            + $"and {Path.Combine(project, "team-contracts")} (in the test project). Keep it in the test project, or copy it beside the tests with "
            + "<None Include=\"team-contracts/**\" CopyToOutputDirectory=\"PreserveNewest\" /> in the test project file");
    }

    private static async Task Until(Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (!condition())
        {
            await Task.Delay(1, timeout.Token);
        }
    }
}
