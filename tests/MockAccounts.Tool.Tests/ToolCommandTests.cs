using System.CommandLine;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using FluentAssertions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using MockAccounts.AspNetCore.Hosting;
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

    [TestCase("schemas")]
    [TestCase("mocks/acme")]
    public async Task Check_on_a_folder_inside_a_contract_folder_suggests_the_contract_folder(string inside)
    {
        var contracts = Path.Combine(Repository.Root, "tests/MockAccounts.Core.Tests/TestData/fifth-vendor");
        var folder = Path.Combine(contracts, inside);

        var run = await RunAsync("check", folder);

        run.Exit.Should().Be(1);
        run.Error.Should().EndWith($"hint: '{folder}' holds no schemas/ folder, but '{contracts}' above it does: mockaccounts check {contracts}{Environment.NewLine}");
    }

    [Test]
    public async Task Check_on_a_folder_with_no_contract_folder_above_gives_no_hint()
    {
        var run = await RunAsync("check", Path.GetTempPath());

        run.Exit.Should().Be(1);
        run.Error.Should().NotContain("hint:");
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
    public async Task List_shows_a_fault_that_sends_no_status_instead_of_a_status()
    {
        var run = await RunAsync("list", "runloop");

        run.Exit.Should().Be(0, run.Error);
        var rows = run.Output.Split('\n');
        Columns(rows.Single(l => l.Contains(" connection-reset ", StringComparison.Ordinal)))[3].Should().Be("connection-reset");
        Columns(rows.Single(l => l.Contains(" empty-response ", StringComparison.Ordinal)))[3].Should().Be("empty-response");
        Columns(rows.Single(l => l.Contains(" reset-then-ok ", StringComparison.Ordinal)))[3].Should().Be("connection-reset,200 (sequence)");
        Columns(rows.Single(l => l.Contains(" quota-reached ", StringComparison.Ordinal)))[3].Should().Be("200");

        static string[] Columns(string row) => row.Split("  ", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
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
    public async Task List_json_of_one_vendor_is_what_the_admin_api_says_of_it_quotes_and_all()
    {
        var run = await RunAsync("list", "opterius", "--json");

        run.Exit.Should().Be(0, run.Error);
        var listed = JsonNode.Parse(run.Output)!;
        await using var server = await MockAccountsHost.StartAsync(["--MockAccounts:HotReload=false"], builder => builder.WebHost.UseTestServer());
        var served = await server.GetTestClient().GetFromJsonAsync<JsonNode>("/__admin/vendors/opterius");
        JsonNode.DeepEquals(listed, served).Should().BeTrue($"the listing is GET /__admin/vendors/opterius' object itself:\n{run.Output}");
        run.Output.Should().NotContain("\\u0027").And.NotContain("\\u0022", "quotes are written as themselves, as the admin API writes them");
    }

    [Test]
    public async Task List_exits_1_for_an_unknown_vendor_naming_the_known_ones()
    {
        var run = await RunAsync("list", "acme");

        run.Exit.Should().Be(1);
        run.Error.Should().Contain("Unknown vendor 'acme'").And.Contain("runloop").And.NotContain("Did you mean");
    }

    [Test]
    public async Task List_of_a_misspelt_vendor_suggests_the_closest_one()
    {
        var run = await RunAsync("list", "runlop");

        run.Exit.Should().Be(1);
        run.Error.Trim().Should().Be("Unknown vendor 'runlop' (vendors: depicta, opterius, runloop, ultravox). Did you mean 'runloop'?");
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
    public void Server_settings_are_the_options_with_a_section_a_value_with_a_colon_is_not_one()
    {
        var (settings, others) = ToolCommands.SplitSettings(["serve", "--urls=http://127.0.0.1:9090", "--MockAccounts:Seed", "3", "--MockAccounts:Validation=warn", "--contracts", "./a"]);

        settings.Should().Equal("--MockAccounts:Seed", "3", "--MockAccounts:Validation=warn");
        others.Should().Equal("serve", "--urls=http://127.0.0.1:9090", "--contracts", "./a");
    }

    [Test]
    public async Task Verify_takes_no_server_settings_and_says_so()
    {
        var run = await RunAsync("verify", "runloop", "--MockAccounts:Seed", "3");

        run.Exit.Should().Be(2);
        (run.Error + run.Output).Should().Contain("--MockAccounts:Seed");
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

    [Test]
    public async Task Import_copies_a_published_spec_unchanged_writes_a_starter_catalogue_and_prints_what_it_will_serve()
    {
        var spec = Path.Combine(Repository.Root, "tests/published-specs/schemas/ultravox/openapi.yaml");
        var target = Path.Combine(Path.GetTempPath(), "mockaccounts-tests", "import-" + Guid.NewGuid().ToString("N"));

        var run = await RunAsync("import", spec, "--vendor", "ultravox-published", "--out", target);

        run.Exit.Should().Be(0, run.Error);
        File.ReadAllBytes(Path.Combine(target, "schemas/ultravox-published/openapi.yaml")).Should().Equal(File.ReadAllBytes(spec));
        var catalogue = JsonNode.Parse(File.ReadAllText(Path.Combine(target, "mocks/ultravox-published/scenarios.json")))!;
        catalogue["account"]!.GetValue<string>().Should().Be("accounts_me_retrieve");
        catalogue["default"]!.GetValue<string>().Should().Be("200");
        catalogue["scenarios"]!.AsArray().Select(s => s!["name"]!.GetValue<string>()).Should().Equal("200", "201", "204", "302", "400", "404", "425");
        run.Output.Should().StartWith("ok: 'ultravox-published' (Ultravox) imported into " + target)
            .And.Contain("operations (114), each also under /ultravox-published:")
            .And.Contain("  GET /api/accounts/me  200  (account)")
            .And.Contain("scenarios (7; default '200'")
            .And.Contain("warnings (5):")
            .And.Contain("only audio/wav: served without a body");
        (await RunAsync("check", target)).Exit.Should().Be(0);
    }

    [Test]
    public async Task Import_of_a_spec_that_cannot_be_served_exits_1_naming_the_problem_and_leaves_nothing_behind()
    {
        var folder = Path.Combine(Path.GetTempPath(), "mockaccounts-tests", "import-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var spec = Path.Combine(folder, "swagger.yaml");
        File.WriteAllText(spec, "swagger: '2.0'\ninfo: {title: Old, version: '1'}\npaths: {}\n");
        var target = Path.Combine(folder, "contracts");

        var run = await RunAsync("import", spec, "--vendor", "old", "--out", target);

        run.Exit.Should().Be(1);
        run.Error.Should().Contain("/swagger: Swagger 2.0 (OpenAPI 2.0) is not read: convert it to OpenAPI 3.0 or 3.1");
        Directory.Exists(Path.Combine(target, "schemas", "old")).Should().BeFalse();
    }

    [Test]
    public async Task Check_prints_what_a_published_spec_documents_but_cannot_be_honoured_as_warnings_naming_file_and_pointer()
    {
        var run = await RunAsync("check", Path.Combine(Repository.Root, "tests/published-specs"));

        run.Exit.Should().Be(0, run.Error);
        run.Output.Should().Contain("ok: 3 vendor(s)");
        run.Error.Should().Contain("warning: ").And.Contain("tictactoe/openapi.json: /paths/~1board~1{row}~1{column}/get/responses/400/content: only text/html: served without a body (this mock serves JSON bodies)");
    }

    [Test]
    public async Task Import_refuses_to_overwrite_a_vendor_folder_with_exit_2()
    {
        var spec = Path.Combine(Repository.Root, "tests/published-specs/schemas/tictactoe/openapi.json");

        var run = await RunAsync("import", spec, "--vendor", "runloop", "--out", Repository.Root);

        run.Exit.Should().Be(2);
        run.Error.Should().Contain("already exists: choose another --vendor or --out");
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
