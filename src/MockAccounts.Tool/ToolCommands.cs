using System.CommandLine;
using System.Globalization;
using MockAccounts.AspNetCore.Hosting;
using MockAccounts.Redis;

namespace MockAccounts.Tool;

/// <summary>The <c>mockaccounts</c> command line: <c>serve</c>, <c>check</c>, <c>list</c> over the server's own host; <c>verify</c>, <c>record</c>, <c>diff</c> over the verification library.</summary>
internal static class ToolCommands
{
    /// <summary>A mistyped flag or a missing argument: the exit code of a bad option, as the server's.</summary>
    public const int BadUsage = 2;

    /// <summary>The commands that start the server's host, and so take its settings.</summary>
    private static readonly string[] HostCommands = ["serve", "check", "list"];

    private const string Examples = """
        MockAccounts: contract-testing mock of SaaS account endpoints (Runloop, Opterius, Depicta, Ultravox).

        Examples:
          mockaccounts serve                                    every built-in vendor on http://localhost:8080
          mockaccounts serve --urls http://127.0.0.1:9090 --contracts ./team-contracts
          mockaccounts serve --MockAccounts:Validation warn     any server setting, as the server takes it (serve, check, list)
          mockaccounts check ./team-contracts                   exit 0, or 1 naming file, JSON pointer and reason
          mockaccounts list                                     vendors, variants and scenarios as a table
          mockaccounts list runloop --json                      the same as JSON (GET /__admin/vendors/runloop)
          MOCKACCOUNTS_CREDENTIAL_RUNLOOP=… mockaccounts verify runloop --base-url https://api.runloop.ai --format junit
                                                                hold the live API to its contract (exit 1 on drift)
          mockaccounts record runloop --base-url https://api.runloop.ai --out recordings
          mockaccounts verify runloop --recorded recordings     the same checks against the recording, offline
          mockaccounts diff --vendor opterius --to-variant v2.7.0
                                                                each change, breaking or not (exit 1 if breaking)
          mockaccounts import openapi.yaml --vendor acme --out ./team-contracts
                                                                a vendor's published OpenAPI, served unchanged
        """;

    /// <summary>
    /// Runs the command line. For <c>serve</c>, <c>check</c> and <c>list</c>, server settings (<c>--MockAccounts:Validation warn</c>,
    /// any <c>--Section:Key value</c>) are set aside for the server, which names an unknown one; every other token must be one
    /// of the command's own, so a mistyped flag (<c>--url</c>) is an error with the nearest flag suggested, never a silent default.
    /// </summary>
    /// <param name="args">The command line.</param>
    /// <param name="configuration">Where output goes, and how signals are handled.</param>
    /// <param name="time">The clock verify and record date their variants and recordings by; default: the system's.</param>
    /// <param name="cancellationToken">Cancels the command.</param>
    public static async Task<int> InvokeAsync(string[] args, InvocationConfiguration? configuration = null, TimeProvider? time = null, CancellationToken cancellationToken = default)
    {
        var (settings, others) = HostCommands.Contains(args.FirstOrDefault(a => !a.StartsWith('-'))) ? SplitSettings(args) : ([], args);
        var parsed = Create(settings, time ?? TimeProvider.System).Parse(others);
        var exit = await parsed.InvokeAsync(configuration, cancellationToken).ConfigureAwait(false);
        return parsed.Errors.Count > 0 ? BadUsage : exit;
    }

    /// <param name="settings">Server settings from the command line, for <c>serve</c>, <c>check</c> and <c>list</c>.</param>
    /// <param name="time">The clock verify and record date their variants and recordings by.</param>
    public static RootCommand Create(IReadOnlyList<string> settings, TimeProvider time)
    {
        var root = new RootCommand(Examples);
        root.Subcommands.Add(Serve(settings));
        root.Subcommands.Add(Check(settings));
        root.Subcommands.Add(List(settings));
        root.Subcommands.Add(VerifyCommand.Create(time));
        root.Subcommands.Add(RecordCommand.Create(time));
        root.Subcommands.Add(DiffCommand.Create());
        root.Subcommands.Add(Import());
        return root;
    }

    /// <summary>Takes out every <c>--Section:Key value</c> (or <c>--Section:Key=value</c>): configuration for the server, as its own command line reads it.</summary>
    internal static (IReadOnlyList<string> Settings, string[] Others) SplitSettings(IReadOnlyList<string> args)
    {
        var settings = new List<string>();
        var others = new List<string>();
        for (var i = 0; i < args.Count; i++)
        {
            var token = args[i];
            var name = token.Split('=')[0];
            if (name.StartsWith("--", StringComparison.Ordinal) && name.IndexOf(':', StringComparison.Ordinal) > 2)
            {
                settings.Add(token);
                if (name.Length == token.Length && i + 1 < args.Count)
                {
                    settings.Add(args[++i]);
                }
            }
            else
            {
                others.Add(token);
            }
        }

        return (settings, [.. others]);
    }

    private static Option<string[]> ContractsOption(string description) => new("--contracts")
    {
        Description = description,
        HelpName = "DIR",
        AllowMultipleArgumentsPerToken = true,
    };

    private static Command Serve(IReadOnlyList<string> settings)
    {
        var urls = new Option<string>("--urls")
        {
            Description = $"Where to listen, ';'-separated (default: ASPNETCORE_URLS, else {MockAccountsHost.DefaultUrl}).",
            HelpName = "URLS",
        };
        var contracts = ContractsOption("Folders holding schemas/ and mocks/, served beside the built-in vendors (a vendor there replaces the built-in one of the same name).");
        var serve = new Command("serve", """
            Serves the mock until Ctrl+C or SIGTERM, with the server's options and defaults (any --MockAccounts:<Setting> <value> is passed on).
            Exit codes: 0 stopped, 1 broken contract, 2 bad option or address, 3 address in use.
            """)
        {
            urls,
            contracts,
        };
        serve.SetAction((result, _) =>
        {
            var args = new List<string>();
            if (result.GetValue(urls) is { } address)
            {
                args.AddRange(["--urls", address]);
            }

            var folders = result.GetValue(contracts) ?? [];
            for (var i = 0; i < folders.Length; i++)
            {
                args.AddRange([$"--MockAccounts:ExtraContracts:{i.ToString(CultureInfo.InvariantCulture)}", Path.GetFullPath(folders[i])]);
            }

            args.AddRange(settings);
            return MockAccountsHost.RunAsync([.. args], builder => builder.Services.AddMockAccountsRedis());
        });
        return serve;
    }

    private static Command Check(IReadOnlyList<string> settings)
    {
        var folders = new Argument<string[]>("DIR")
        {
            Description = "Contract folders (each holding schemas/ and mocks/), loaded together as start-up loads them.",
            Arity = ArgumentArity.OneOrMore,
        };
        var check = new Command("check", """
            Loads and proves contract folders exactly as the server's start-up does.
            Exit codes: 0 every contract holds; 1 a contract is broken (each error names file, JSON pointer and reason); 2 a folder does not exist, or a bad option.
            """)
        {
            folders,
        };
        check.SetAction((result, cancellationToken) =>
            ContractCheck.RunAsync(result.GetValue(folders)!, settings, result.InvocationConfiguration.Output, result.InvocationConfiguration.Error, cancellationToken));
        return check;
    }

    private static Command Import()
    {
        var file = new Argument<string>("FILE") { Description = "The vendor's published OpenAPI 3.0 or 3.1 document (.yaml, .yml or .json); files its $refs name beside it are copied too." };
        var vendor = new Option<string>("--vendor") { Description = "The vendor's name: its folder and its /<vendor>/ prefix (lower-case letters, digits, '.' and '-').", HelpName = "NAME", Required = true };
        var output = new Option<string>("--out") { Description = "The contract folder to import into (schemas/<vendor>/ and mocks/<vendor>/ are created in it).", HelpName = "DIR", Required = true };
        var import = new Command("import", """
            Copies a vendor's published OpenAPI document, unchanged, into a contract folder, writes a starter catalogue listing the
            scenarios it derives (each documented status, each named example), checks the folder as start-up does and prints what
            it will serve: operations, scenarios, and warnings for what cannot be honoured.
            Exit codes: 0 imported; 1 the spec cannot be served (each error names file, JSON pointer and reason; nothing is left behind); 2 bad arguments.
            """)
        {
            file,
            vendor,
            output,
        };
        import.SetAction((result, cancellationToken) => SpecImport.RunAsync(result.GetValue(file)!, result.GetValue(vendor)!, result.GetValue(output)!, result.InvocationConfiguration.Output, result.InvocationConfiguration.Error, cancellationToken));
        return import;
    }

    private static Command List(IReadOnlyList<string> settings)
    {
        var vendor = new Argument<string?>("VENDOR") { Description = "Only this vendor.", Arity = ArgumentArity.ZeroOrOne };
        var json = new Option<bool>("--json") { Description = "JSON for scripts: with VENDOR, what the admin API's GET /__admin/vendors/{vendor} says; without, an array of those." };
        var contracts = ContractsOption("Folders holding schemas/ and mocks/, listed beside the built-in vendors.");
        var list = new Command("list", "Lists vendors, variants and scenarios with their statuses and descriptions.")
        {
            vendor,
            json,
            contracts,
        };
        list.SetAction((result, cancellationToken) => VendorListing.RunAsync(
            result.GetValue(vendor), result.GetValue(json), result.GetValue(contracts) ?? [], settings, result.InvocationConfiguration.Output, result.InvocationConfiguration.Error, cancellationToken));
        return list;
    }
}
