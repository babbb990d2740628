using System.CommandLine;
using System.Text.Json.Nodes;
using FluentAssertions;
using MockAccounts.Tool;

namespace MockAccounts.Tool.Tests;

/// <summary>The <c>mockaccounts</c> commands, run in-process as the installed tool runs them.</summary>
[Parallelizable(ParallelScope.All)]
public sealed class ToolCommandTests
{
    private static string Broken(string name) => Path.Combine(Repository.Root, "tests/MockAccounts.Core.Tests/TestData/broken", name);

    [Test]
    public async Task Check_exits_0_for_a_sound_folder()
    {
        var run = await RunAsync("check", Path.Combine(Repository.Root, "tests/MockAccounts.Core.Tests/TestData/fifth-vendor"));

        run.Exit.Should().Be(0);
        run.Output.Should().StartWith("ok: 1 vendor(s)").And.Contain("acme");
    }

    [Test]
    public async Task Check_exits_1_naming_file_pointer_and_reason()
    {
        var folder = Repository.CopyOf(Path.Combine(Repository.Root, "tests/MockAccounts.Core.Tests/TestData/fifth-vendor"));
        File.Copy(Path.Combine(Broken("unknown-key"), "mocks/acme/scenarios.json"), Path.Combine(folder, "mocks/acme/scenarios.json"), overwrite: true);

        var run = await RunAsync("check", folder);

        run.Exit.Should().Be(1);
        run.Error.Should().Contain(Path.Combine(folder, "mocks/acme/scenarios.json") + ": /scenarios/0/overides: expected no such property");
    }

    [Test]
    public async Task Check_proves_the_built_in_contracts_as_start_up_does()
    {
        var run = await RunAsync("check", Repository.Root);

        run.Exit.Should().Be(0, run.Error);
        run.Output.Should().Contain("runloop").And.Contain("opterius (documented, v2.7.0)");
    }

    [Test]
    public async Task Check_exits_2_naming_a_folder_that_does_not_exist()
    {
        var run = await RunAsync("check", "/no/such/contracts");

        run.Exit.Should().Be(2);
        run.Error.Should().Contain("'/no/such/contracts' does not exist");
    }

    [Test]
    public async Task List_prints_one_row_per_scenario_with_its_status()
    {
        var run = await RunAsync("list", "ultravox");

        run.Exit.Should().Be(0, run.Error);
        var lines = run.Output.Split('\n');
        lines[0].Should().MatchRegex("^VENDOR +VARIANT +SCENARIO +STATUS +DESCRIPTION");
        lines.Should().Contain(l => l.StartsWith("ultravox", StringComparison.Ordinal) && l.Contains("rate-limited ") && l.Contains("429"));
        lines.Should().NotContain(l => l.StartsWith("runloop", StringComparison.Ordinal));
    }

    [Test]
    public async Task List_json_describes_every_vendor_as_the_admin_api_does()
    {
        var run = await RunAsync("list", "--json");

        run.Exit.Should().Be(0, run.Error);
        var vendors = JsonNode.Parse(run.Output)!.AsArray();
        vendors.Select(v => v!["name"]!.GetValue<string>()).Should().BeEquivalentTo(["depicta", "opterius", "runloop", "ultravox"]);
        vendors.Single(v => v!["name"]!.GetValue<string>() == "runloop")!["variants"]![0]!["scenarios"]!.AsArray()
            .Should().Contain(s => s!["name"]!.GetValue<string>() == "quota-reached");
    }

    [Test]
    public async Task List_exits_1_for_an_unknown_vendor_naming_the_known_ones()
    {
        var run = await RunAsync("list", "acme");

        run.Exit.Should().Be(1);
        run.Error.Should().Contain("Unknown vendor 'acme'").And.Contain("runloop");
    }

    [Test]
    public async Task Serve_passes_server_settings_on_and_fails_as_the_server_does()
    {
        var run = await RunAsync("serve", "--urls", "http://127.0.0.1:0", "--MockAccounts:MaxTokens", "0");

        run.Exit.Should().Be(2);
    }

    [TestCase("--url", "--urls")]
    [TestCase("--contract", "--contracts")]
    public async Task Serve_refuses_an_unknown_flag_suggesting_the_nearest_one(string typo, string meant)
    {
        var run = await RunAsync("serve", typo, "x");

        run.Exit.Should().Be(2);
        (run.Error + run.Output).Should().Contain($"'{typo}' was not matched. Did you mean one of the following?{Environment.NewLine}{meant}");
    }

    [Test]
    public async Task List_passes_server_settings_on_and_the_server_names_an_unknown_one()
    {
        var run = await RunAsync("list", "--MockAccounts:Valdation", "warn");

        run.Exit.Should().Be(2);
        run.Error.Should().Contain("--MockAccounts:Valdation (command line): no such setting; did you mean --MockAccounts:Validation?");
    }

    [Test]
    public async Task Help_shows_examples_of_every_command()
    {
        var run = await RunAsync("--help");

        run.Exit.Should().Be(0);
        run.Output.Should().Contain("Examples:").And.Contain("mockaccounts serve").And.Contain("mockaccounts check").And.Contain("mockaccounts list");
    }

    [Test]
    public async Task Version_prints_the_package_version()
    {
        var run = await RunAsync("--version");

        run.Exit.Should().Be(0);
        run.Output.Should().MatchRegex(@"^\d+\.\d+\.\d+");
    }

    private static async Task<(int Exit, string Output, string Error)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        // Bounded: a command that should have refused its arguments but serves would otherwise run until the process ends.
        var exit = await ToolCommands.InvokeAsync(args, new InvocationConfiguration { Output = output, Error = error }).WaitAsync(TimeSpan.FromSeconds(60));
        return (exit, output.ToString(), error.ToString());
    }
}
