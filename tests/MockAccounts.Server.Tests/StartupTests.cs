using FluentAssertions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
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

    [TestCase("--MockAccounts:Valdation=off", "--MockAccounts:Valdation (command line): no such setting; did you mean --MockAccounts:Validation?")]
    [TestCase("--MockAccounts:Journal:Capacty=5", "--MockAccounts:Journal:Capacty (command line): no such setting; did you mean --MockAccounts:Journal:Capacity?")]
    [TestCase("--MockAccounts:Port=9090", "--MockAccounts:Port (command line): no such setting; the address is set with --urls or ASPNETCORE_URLS")]
    [TestCase("--MockAccounts:ExtraContracts=/contracts/team", "--MockAccounts:ExtraContracts (command line): '/contracts/team' is a single value, but it is a list: set its items one by one, --MockAccounts:ExtraContracts:0")]
    public async Task An_unknown_or_misshapen_setting_exits_with_2_naming_it_as_written_and_the_nearest_known_one(string argument, string expected)
    {
        var (code, error) = await RunAsync(argument, "--urls=http://127.0.0.1:0");

        code.Should().Be(2);
        error.Should().Contain(expected);
    }

    [TestCase("MockAccounts__Valdation", "off", "MockAccounts__Valdation (environment): no such setting; did you mean MockAccounts__Validation?")]
    [TestCase("MockAccounts__Journal__Capacty", "5", "MockAccounts__Journal__Capacty (environment): no such setting; did you mean MockAccounts__Journal__Capacity?")]
    [TestCase("MockAccounts__Port", "9090", "MockAccounts__Port (environment): no such setting; the address is set with --urls or ASPNETCORE_URLS")]
    public async Task An_unknown_environment_variable_under_MockAccounts_stops_start_up_naming_it(string variable, string value, string expected)
    {
        using var environment = new EnvironmentVariables((variable, value));

        var start = () => MockAccountsHost.StartAsync(["--urls=http://127.0.0.1:0"]);

        (await start.Should().ThrowAsync<OptionsValidationException>()).Which.Failures.Should().Contain(f => f.StartsWith(expected, StringComparison.Ordinal));
    }

    [Test]
    public void An_unknown_key_in_appsettings_is_named_with_its_file()
    {
        var folder = Directory.CreateTempSubdirectory("mockaccounts-settings-").FullName;
        File.WriteAllText(Path.Combine(folder, "appsettings.json"), """{"MockAccounts": {"Validation": "warn", "Jornal": {"Capacity": 5}}}""");
        var configuration = new ConfigurationBuilder().SetBasePath(folder).AddJsonFile("appsettings.json").Build();

        var problems = OptionText.Problems(configuration, configuration.GetSection(MockAccountsOptions.Section), typeof(MockAccountsOptions));

        problems.Should().Equal("MockAccounts:Jornal (appsettings.json): no such setting; did you mean MockAccounts:Journal?");
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
            // Bounded: a start that should have failed but did not would otherwise serve until the process ends.
            var code = await MockAccountsHost.RunAsync(args).WaitAsync(TimeSpan.FromSeconds(60));
            return (code, captured.ToString());
        }
        finally
        {
            Console.SetError(original);
        }
    }

    /// <summary>Sets environment variables for the length of one test (this fixture never runs beside another).</summary>
    private sealed class EnvironmentVariables : IDisposable
    {
        private readonly string[] _names;

        public EnvironmentVariables(params (string Name, string Value)[] variables)
        {
            _names = variables.Select(v => v.Name).ToArray();
            foreach (var (name, value) in variables)
            {
                Environment.SetEnvironmentVariable(name, value);
            }
        }

        public void Dispose()
        {
            foreach (var name in _names)
            {
                Environment.SetEnvironmentVariable(name, null);
            }
        }
    }
}
