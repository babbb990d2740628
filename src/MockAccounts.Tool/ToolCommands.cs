using System.CommandLine;
using System.Globalization;
using MockAccounts.AspNetCore.Hosting;

namespace MockAccounts.Tool;

/// <summary>The <c>mockaccounts</c> command line: <c>serve</c>, <c>check</c>, <c>list</c>, each a thin layer over the server's own host.</summary>
internal static class ToolCommands
{
    /// <summary>A mistyped flag or a missing argument: the exit code of a bad option, as the server's.</summary>
    public const int BadUsage = 2;

    private const string Examples = """
        MockAccounts: contract-testing mock of SaaS account endpoints (Runloop, Opterius, Depicta, Ultravox).

        Examples:
          mockaccounts serve                                    every built-in vendor on http://localhost:8080
          mockaccounts serve --urls http://127.0.0.1:9090 --contracts ./team-contracts
          mockaccounts serve --MockAccounts:Validation warn     any server setting, as the server takes it (every command)
          mockaccounts check ./team-contracts                   exit 0, or 1 naming file, JSON pointer and reason
          mockaccounts list                                     vendors, variants and scenarios as a table
          mockaccounts list runloop --json                      the same as JSON (GET /__admin/vendors/runloop)
        """;

    /// <summary>
    /// Runs the command line. Server settings (<c>--MockAccounts:Validation warn</c>, any <c>--Section:Key value</c>) are
    /// set aside for the server, which names an unknown one; every other token must be one of the command's own, so a
    /// mistyped flag (<c>--url</c>) is an error with the nearest flag suggested, never a silent default.
    /// </summary>
    public static async Task<int> InvokeAsync(string[] args, InvocationConfiguration? configuration = null)
    {
        var (settings, rest) = SplitSettings(args);
        var parsed = Create(settings).Parse(rest);
        var exit = await parsed.InvokeAsync(configuration).ConfigureAwait(false);
        return parsed.Errors.Count > 0 ? BadUsage : exit;
    }

    public static RootCommand Create(IReadOnlyList<string> settings)
    {
        var root = new RootCommand(Examples);
        root.Subcommands.Add(Serve(settings));
        root.Subcommands.Add(Check(settings));
        root.Subcommands.Add(List(settings));
        return root;
    }

    /// <summary>Takes out every <c>--Section:Key value</c> (or <c>--Section:Key=value</c>): configuration for the server, as its own command line reads it.</summary>
    internal static (IReadOnlyList<string> Settings, string[] Others) SplitSettings(IReadOnlyList<string> args)
    {
        var settings = new List<string>();
        var rest = new List<string>();
        for (var i = 0; i < args.Count; i++)
        {
            var token = args[i];
            if (token.StartsWith("--", StringComparison.Ordinal) && token.IndexOf(':', StringComparison.Ordinal) > 2)
            {
                settings.Add(token);
                if (!token.Contains('=', StringComparison.Ordinal) && i + 1 < args.Count)
                {
                    settings.Add(args[++i]);
                }
            }
            else
            {
                rest.Add(token);
            }
        }

        return (settings, [.. rest]);
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
            return MockAccountsHost.RunAsync([.. args]);
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

    private static Command List(IReadOnlyList<string> settings)
    {
        var vendor = new Argument<string?>("VENDOR") { Description = "Only this vendor.", Arity = ArgumentArity.ZeroOrOne };
        var json = new Option<bool>("--json") { Description = "JSON for scripts: the admin API's GET /__admin/vendors/{vendor} for each vendor." };
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
