using FluentAssertions;
using MockAccounts.Core.Runtime;

namespace MockAccounts.Server.Tests;

/// <summary>What each validation mode does when a response would break its contract.</summary>
public sealed class ValidationModeTests
{
    private static async Task<(int Status, string? Violations, string Body)> BreakTheContractAsync(string mode)
    {
        await using var server = await RunningServer.StartAsync(Repository.TestData("loose-action"), "--MockAccounts:Validation", mode);
        using var raw = new HttpClient { BaseAddress = server.Address };
        var request = new HttpRequestMessage(HttpMethod.Patch, "/v1/me") { Content = Calls.Json("""{"plan": "gold"}""") };
        request.Headers.TryAddWithoutValidation("Authorization", "Bearer t");

        var response = await raw.SendAsync(request);

        return ((int)response.StatusCode,
            response.Headers.TryGetValues(ViolationResponse.Header, out var values) ? values.Single() : null,
            await response.Content.ReadAsStringAsync());
    }

    [Test]
    public async Task Strict_answers_500_with_the_violations()
    {
        var (status, violations, body) = await BreakTheContractAsync("strict");

        status.Should().Be(500);
        violations.Should().Be("/plan: expected one of [free, team], actual \"gold\"");
        body.Should().Contain("\"pointer\":\"/plan\"");
    }

    [Test]
    public async Task Warn_sends_the_response_and_reports_the_violations()
    {
        var (status, violations, body) = await BreakTheContractAsync("warn");

        status.Should().Be(200);
        violations.Should().Contain("/plan");
        body.Should().Contain("\"plan\":\"gold\"");
    }

    [Test]
    public async Task Off_sends_the_response_as_it_is()
    {
        var (status, violations, _) = await BreakTheContractAsync("off");

        status.Should().Be(200);
        violations.Should().BeNull();
    }

    [Test]
    public async Task The_test_client_itself_refuses_a_response_that_breaks_its_contract()
    {
        await using var server = await RunningServer.StartAsync(Repository.TestData("loose-action"), "--MockAccounts:Validation", "warn");
        var request = new HttpRequestMessage(HttpMethod.Patch, "/v1/me") { Content = Calls.Json("""{"plan": "gold"}""") };
        request.Headers.TryAddWithoutValidation("Authorization", "Bearer t");

        var send = () => server.Client.SendAsync(request);

        await send.Should().ThrowAsync<Exception>().WithMessage("*breaking its contract*/plan*");
    }
}
