using FluentAssertions;
using MockAccounts.AspNetCore.Hosting;

namespace MockAccounts.Server.Tests;

/// <summary>Bad options stop start-up with exit code 2 and a clear message; broken contracts with 1; an address in use with 3.</summary>
[NonParallelizable]
public sealed class StartupTests
{
    [TestCase("--MockAccounts:Journal:Capacity=-1", "MockAccounts:Journal:Capacity", "-1 is out of range (expected 0 to 1000000")]
    [TestCase("--MockAccounts:Validation=sometimes", "MockAccounts:Validation", "'sometimes' is not one of: strict, warn, off")]
    [TestCase("--MockAccounts:Variation=wild", "MockAccounts:Variation", "'wild' is not one of: realistic, edges")]
    [TestCase("--MockAccounts:Seed=many", "MockAccounts:Seed", "'many' is not a whole number")]
    [TestCase("--MockAccounts:HotReload=maybe", "MockAccounts:HotReload", "'maybe' is not true or false")]
    [TestCase("--MockAccounts:ReferenceTime=soon", "MockAccounts:ReferenceTime", "'soon' is not an ISO 8601 date")]
    [TestCase("--MockAccounts:Contracts=/no/such/folder", "MockAccounts:Contracts", "folder '/no/such/folder' does not exist")]
    [TestCase("--MockAccounts:MaxBodyBytes=10", "MockAccounts:MaxBodyBytes", "10 is out of range")]
    [TestCase("--MockAccounts:Variants:runloop=v0", "MockAccounts:Variants:runloop", "'runloop' has no variant 'v0'")]
    public async Task Bad_options_exit_with_2_naming_the_setting(string argument, string setting, string expectation)
    {
        var (code, error) = await RunAsync(argument, "--urls=http://127.0.0.1:0");

        code.Should().Be(2);
        error.Split('\n').Should().Contain(line => line.Contains(setting, StringComparison.Ordinal) && line.Contains(expectation, StringComparison.Ordinal),
            "the line that explains the problem names the setting and what it accepts");
    }

    [Test]
    public async Task Broken_contracts_exit_with_1_naming_file_and_location()
    {
        var root = Repository.CopyOf(Repository.Root);
        var catalogue = Path.Combine(root, "mocks", "ultravox", "scenarios.json");
        await File.WriteAllTextAsync(catalogue, (await File.ReadAllTextAsync(catalogue)).Replace("\"free-tier\"", "\"free tier\"", StringComparison.Ordinal));

        var (code, error) = await RunAsync($"--MockAccounts:Contracts={root}", "--urls=http://127.0.0.1:0");

        code.Should().Be(1);
        error.Should().Contain("mocks/ultravox/scenarios.json").And.Contain("/default").And.Contain("text matching ^[a-z0-9][a-z0-9.-]*$");
    }

    [Test]
    public async Task An_address_in_use_exits_with_3_naming_the_address()
    {
        using var occupied = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        occupied.Start();
        var port = ((System.Net.IPEndPoint)occupied.LocalEndpoint).Port;

        var (code, error) = await RunAsync($"--urls=http://127.0.0.1:{port}", "--MockAccounts:HotReload=false");

        code.Should().Be(3);
        error.Should().Contain($"Cannot listen: Failed to bind to address http://127.0.0.1:{port}").And.Contain("address already in use");
    }

    private static async Task<(int Code, string Error)> RunAsync(params string[] args)
    {
        var original = Console.Error;
        await using var captured = new StringWriter();
        Console.SetError(captured);
        try
        {
            var code = await MockAccountsHost.RunAsync(args);
            return (code, captured.ToString());
        }
        finally
        {
            Console.SetError(original);
        }
    }
}
