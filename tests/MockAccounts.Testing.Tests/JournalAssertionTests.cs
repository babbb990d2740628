using FluentAssertions;

namespace MockAccounts.Testing.Tests;

[Parallelizable(ParallelScope.All)]
public sealed class JournalAssertionTests
{
    [Test]
    public async Task Journal_assertions_read_like_the_rest_of_a_test()
    {
        var account = await Mock.Server.Vendor("runloop").CreateAccountAsync("quota-reached");
        using var client = Mock.Server.CreateClient(account);
        await client.GetAsync("v1/accounts/me");

        var mine = Mock.Server.GetRequests().Where(r => r.Token == account.Token).ToArray();
        mine.Should().ContainSingle(r => r.Vendor == "runloop" && r.Path == "/v1/accounts/me" && r.Scenario == "quota-reached");
        Mock.Server.GetRequests().Should().HaveReceived(1, "runloop", account.Token)
            .And.HaveReceivedCall("runloop", "GET", "/v1/accounts/me");
    }

    [Test]
    public async Task A_wrong_count_fails_with_a_readable_message()
    {
        var account = await Mock.Server.Vendor("opterius").CreateAccountAsync();

        var check = () => Mock.Server.GetRequests().Should().HaveReceived(2, "opterius", account.Token, "the client retries once");

        check.Should().Throw<AssertionException>()
            .WithMessage($"Expected \"opterius\" (token {account.Token}) to have received 2 request(s) because the client retries once, but it received 0.");
    }
}
