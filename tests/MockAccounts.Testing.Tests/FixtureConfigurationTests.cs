using FluentAssertions;
using Microsoft.Extensions.Options;

namespace MockAccounts.Testing.Tests;

/// <summary>
/// The fixture reads the MockAccounts section of the test process's configuration as the server does, then the
/// test's own options: a setting there is honoured or refused, never ignored. Environment variables are the
/// process's, so these tests run alone.
/// </summary>
[NonParallelizable]
public sealed class FixtureConfigurationTests
{
    [Test]
    public async Task An_unknown_setting_in_the_environment_stops_the_start_naming_it_and_the_nearest_known_one()
    {
        Environment.SetEnvironmentVariable("MockAccounts__Valdation", "off");
        try
        {
            var start = () => MockAccountsServer.StartAsync();

            (await start.Should().ThrowAsync<OptionsValidationException>()).Which.Failures
                .Should().Contain("MockAccounts__Valdation (environment): no such setting; did you mean MockAccounts__Validation?");
        }
        finally
        {
            Environment.SetEnvironmentVariable("MockAccounts__Valdation", null);
        }
    }

    [Test]
    public async Task A_setting_in_the_environment_applies_and_the_tests_own_options_win_over_it()
    {
        Environment.SetEnvironmentVariable("MockAccounts__Journal__Capacity", "3");
        Environment.SetEnvironmentVariable("MockAccounts__MaxTokens", "50");
        try
        {
            await using var mock = await MockAccountsServer.StartAsync(o => o.MaxTokens = 60);

            var health = await mock.Admin.GetHealthAsync();

            health.Journal.Capacity.Should().Be(3, "the environment sets it and the test does not");
            health.Tokens.Capacity.Should().Be(60, "the test's own option wins over the environment's");
        }
        finally
        {
            Environment.SetEnvironmentVariable("MockAccounts__Journal__Capacity", null);
            Environment.SetEnvironmentVariable("MockAccounts__MaxTokens", null);
        }
    }
}
