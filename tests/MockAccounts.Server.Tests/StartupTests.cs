using FluentAssertions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using MockAccounts.AspNetCore;
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
    public async Task A_relative_contract_folder_that_does_not_exist_is_named_with_the_absolute_path_looked_for()
    {
        var (code, error) = await RunAsync("--MockAccounts:ExtraContracts:0=no-such-team-contracts", "--urls=http://127.0.0.1:0");

        code.Should().Be(2);
        error.Should().Contain($"MockAccounts:ExtraContracts:0: folder 'no-such-team-contracts' does not exist: looked for {Path.Combine(Environment.CurrentDirectory, "no-such-team-contracts")} "
            + "(a relative folder counts from the current directory; expected a folder holding schemas/ and mocks/)");
    }

    [Test]
    public async Task Prove_loads_and_proves_the_contracts_and_exits_0_without_listening()
    {
        var (code, _, output) = await RunCapturingAsync("--prove", "--urls=http://127.0.0.1:0", "--MockAccounts:HotReload=false");

        code.Should().Be(0);
        output.Should().Contain("Serving 4 vendor(s)").And.Contain("Contracts proven").And.NotContain("Now listening");
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
    public async Task An_address_in_use_exits_with_3_naming_the_address_and_logs_no_stack_trace()
    {
        using var occupied = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        occupied.Start();
        var port = ((System.Net.IPEndPoint)occupied.LocalEndpoint).Port;

        // Hot reload on, as by default: its watcher is one of the loops a failed start must end without an error entry.
        var (code, error, output) = await RunCapturingAsync($"--urls=http://127.0.0.1:{port}");

        code.Should().Be(3);
        error.Should().Be($"Cannot listen: Failed to bind to address http://127.0.0.1:{port}: address already in use.{Environment.NewLine}");
        output.Should().BeEmpty("the one line on stderr says it all; the host's error entry would repeat it with a stack trace");
    }

    [TestCase("--urls=http://127.0.0.1:80800", "--urls: 'http://127.0.0.1:80800' has port 80800, out of range (expected scheme://host:port")]
    [TestCase("--urls=127.0.0.1:9090", "--urls: '127.0.0.1:9090' has no scheme (expected scheme://host:port")]
    [TestCase("--urls=http://127.0.0.1:90a", "--urls: 'http://127.0.0.1:90a' has port '90a', not a number (expected scheme://host:port")]
    public async Task A_listen_address_Kestrel_cannot_use_exits_with_2_in_one_line_naming_the_setting(string argument, string expected)
    {
        var (code, error) = await RunAsync(argument);

        code.Should().Be(2);
        error.Should().StartWith(expected).And.EndWith($"several separated by ';'){Environment.NewLine}");
        error.Count(c => c == '\n').Should().Be(1, "the error is one line");
    }

    [TestCase("ASPNETCORE_URLS", "http://127.0.0.1:80800", "ASPNETCORE_URLS: 'http://127.0.0.1:80800' has port 80800, out of range")]
    [TestCase("ASPNETCORE_URLS", "127.0.0.1:9090", "ASPNETCORE_URLS: '127.0.0.1:9090' has no scheme")]
    [TestCase("ASPNETCORE_HTTP_PORTS", "80800", "ASPNETCORE_HTTP_PORTS: '80800' is not a port (expected a number from 0 to 65535")]
    public async Task A_listen_address_from_the_environment_exits_with_2_naming_the_variable(string variable, string value, string expected)
    {
        using var environment = new EnvironmentVariables((variable, value));

        var (code, error) = await RunAsync();

        code.Should().Be(2);
        error.Should().StartWith(expected);
    }

    private static async Task<(int Code, string Error)> RunAsync(params string[] args)
    {
        var (code, error, _) = await RunCapturingAsync(args);
        return (code, error);
    }

    /// <returns>The exit code, what went to stderr, and what went to stdout (the console log).</returns>
    private static async Task<(int Code, string Error, string Output)> RunCapturingAsync(params string[] args)
    {
        var (originalError, originalOutput) = (Console.Error, Console.Out);
        await using var error = new StringWriter();
        await using var output = new StringWriter();
        Console.SetError(error);
        Console.SetOut(output);
        try
        {
            // Bounded: a start that should have failed but did not would otherwise serve until the process ends.
            var code = await MockAccountsHost.RunAsync(args).WaitAsync(TimeSpan.FromSeconds(60));
            return (code, error.ToString(), output.ToString());
        }
        finally
        {
            Console.SetError(originalError);
            Console.SetOut(originalOutput);
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
