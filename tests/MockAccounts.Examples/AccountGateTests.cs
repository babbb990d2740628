using FluentAssertions;
using MockAccounts.Testing;

namespace MockAccounts.Examples;

[Parallelizable(ParallelScope.All)]
public sealed class AccountGateTests
{
    private static MockAccountsServer Mock => MockAccountsSetUp.Mock;

    [TestCase("enabled", "Allowed")]
    [TestCase("quota-reached", "Denied: quota reached")]
    [TestCase("trial-cancelled", "Denied: trial cancelled")]
    [TestCase("onboarding", "RetryLater: account not ready")]
    [TestCase("unauthorized", "Denied: credentials rejected")]
    [TestCase("rate-limited", "RetryLater: rate limited")]
    [TestCase("server-error", "RetryLater: vendor unavailable")]
    public async Task Runloop_accounts_gate_jobs(string scenario, string expected)
    {
        var account = await Mock.Vendor("runloop").CreateAccountAsync(scenario);
        using var http = Mock.CreateClient(account);

        var decision = await new AccountGate(http).RunloopAsync();

        Describe(decision).Should().Be(expected);
    }

    [TestCase(Depicta.Scenarios.Funded, "Allowed")]
    [TestCase(Depicta.Scenarios.UnverifiedEmail, "Denied: email not verified")]
    [TestCase(Depicta.Scenarios.ZeroBalance, "Denied: zero balance")]
    [TestCase(Depicta.Scenarios.PaymentRequired, "Denied: credit_insufficient")]
    [TestCase(Depicta.Scenarios.AccountSuspended, "Denied: account_suspended")]
    [TestCase(Depicta.Scenarios.RateLimited, "RetryLater: rate limited")]
    public async Task Depicta_accounts_gate_jobs(string scenario, string expected)
    {
        var account = await Mock.Vendor(Vendors.Depicta).CreateAccountAsync(scenario);
        using var http = Mock.CreateClient(account);

        var decision = await new AccountGate(http).DepictaAsync();

        Describe(decision).Should().Be(expected);
    }

    [TestCase("free-tier", "Allowed")]
    [TestCase("free-time-exhausted", "Denied: free time used up")]
    [TestCase("at-concurrency-limit", "RetryLater: concurrency cap")]
    [TestCase("unlimited", "Allowed")]
    [TestCase("forbidden", "Denied: credentials rejected")]
    public async Task Ultravox_accounts_gate_jobs(string scenario, string expected)
    {
        var account = await Mock.Vendor("ultravox").CreateAccountAsync(scenario);
        using var http = Mock.CreateClient(account);

        var decision = await new AccountGate(http).UltravoxAsync();

        Describe(decision).Should().Be(expected);
    }

    [Test]
    public async Task A_rate_limited_account_is_retried_after_the_vendors_retry_after()
    {
        var account = await Mock.Vendor("runloop").CreateAccountAsync("rate-limited");
        using var http = Mock.CreateClient(account);

        var decision = await new AccountGate(http).RunloopAsync();

        decision.Should().Be(new GateDecision.RetryLater(TimeSpan.FromSeconds(30), "rate limited"));
        Mock.GetRequests().Should().HaveReceived(1, "runloop", account.Token);
    }

    [Test]
    public async Task The_gate_sees_the_account_the_test_was_promised()
    {
        var account = await Mock.Vendor("depicta").CreateAccountAsync("unverified-email");
        using var http = Mock.CreateClient(account);

        var decision = await new AccountGate(http).DepictaAsync();

        account.Body!["user"]!["email_verified"]!.GetValue<bool>().Should().BeFalse();
        account.Body["user"]!["free_trial_pending_eur"]!.GetValue<string>().Should().MatchRegex(@"^\d+\.\d{6}$");
        Describe(decision).Should().Be("Denied: email not verified", "the gate reads the very account CreateAccountAsync promised");
        Mock.GetRequests().Should().HaveReceived(1, "depicta", account.Token);
    }

    [Test]
    public async Task A_test_asserts_on_its_own_accounts_requests()
    {
        var account = await Mock.Vendor(Vendors.Runloop).CreateAccountAsync(Runloop.Scenarios.QuotaReached);
        using var http = Mock.CreateClient(account);

        var decision = await new AccountGate(http).RunloopAsync();

        Describe(decision).Should().Be("Denied: quota reached");
        Mock.GetRequests(account).Should().ContainSingle(r => r.Path == "/v1/accounts/me");
    }

    [Test]
    public async Task The_in_memory_handler_needs_no_socket()
    {
        var account = await Mock.Vendor(Vendors.Ultravox).CreateAccountAsync(Ultravox.Scenarios.AtConcurrencyLimit);
        using var http = new HttpClient(Mock.CreateHandler()) { BaseAddress = Mock.BaseAddress };
        account.Authorize(http.DefaultRequestHeaders);

        var decision = await new AccountGate(http).UltravoxAsync();

        Describe(decision).Should().Be("RetryLater: concurrency cap");
    }

    internal static string Describe(GateDecision decision) => decision switch
    {
        GateDecision.Allowed => "Allowed",
        GateDecision.Denied denied => $"Denied: {denied.Reason}",
        GateDecision.RetryLater later => $"RetryLater: {later.Reason}",
        _ => decision.ToString(),
    };
}
