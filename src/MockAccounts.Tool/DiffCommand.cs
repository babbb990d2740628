using System.CommandLine;
using MockAccounts.Core.Contracts;
using MockAccounts.Verification;
using MockAccounts.Verification.Diff;
using MockAccounts.Verification.Reports;

namespace MockAccounts.Tool;

/// <summary><c>mockaccounts diff</c>: each change between two contract versions, breaking or not for a consumer of the vendor.</summary>
internal static class DiffCommand
{
    public static Command Create()
    {
        var from = new Argument<string?>("OLD") { Description = "The old contract: a folder holding schemas/, a vendor folder holding openapi.json, or an openapi.json.", Arity = ArgumentArity.ZeroOrOne };
        var to = new Argument<string?>("NEW") { Description = "The new contract, of the same kind.", Arity = ArgumentArity.ZeroOrOne };
        var vendor = new Option<string>("--vendor") { Description = "Only this vendor; without OLD and NEW, the vendor whose variants are compared.", HelpName = "VENDOR" };
        var fromVariant = new Option<string>("--from-variant") { Description = $"The old side's variant (default: {VendorContract.DocumentedVariant}).", HelpName = "NAME", DefaultValueFactory = _ => VendorContract.DocumentedVariant };
        var toVariant = new Option<string>("--to-variant") { Description = $"The new side's variant (default: {VendorContract.DocumentedVariant}).", HelpName = "NAME", DefaultValueFactory = _ => VendorContract.DocumentedVariant };
        var contracts = new Option<string[]>("--contracts") { Description = "Without OLD and NEW: folders holding schemas/ and mocks/, searched after the built-in ones.", HelpName = "DIR" };
        var format = new Option<string>("--format") { Description = "text (default) or json.", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "json");
        var command = new Command("diff", """
            Lists each change between two versions of a contract, breaking or not for a consumer of the vendor
            (breaking: a field removed or made optional or nullable, a type changed, a new enum value or status
            in a response, an operation or status removed, an auth scheme changed).
            Exit codes: 0 nothing breaking; 1 something breaking; 2 usage error.
            """)
        {
            from,
            to,
            vendor,
            fromVariant,
            toVariant,
            contracts,
            format,
        };
        command.Action = new UsageAwareAction(async (result, _) =>
        {
            var (old, @new) = (result.GetValue(from), result.GetValue(to));
            DiffReport report;
            if (old is not null && @new is not null)
            {
                report = DiffSides.Compare(old, @new, result.GetValue(vendor), result.GetValue(fromVariant)!, result.GetValue(toVariant)!);
            }
            else if (old is null && result.GetValue(vendor) is { } name)
            {
                string[] roots = [VerificationOptions.BuiltIn, .. (result.GetValue(contracts) ?? []).Select(Path.GetFullPath)];
                report = DiffSides.CompareVariants(roots, name, result.GetValue(fromVariant)!, result.GetValue(toVariant)!);
            }
            else
            {
                throw new UsageException("give OLD and NEW (two contract folders, vendor folders or OpenAPI files), or --vendor V --from-variant A --to-variant B");
            }

            await result.InvocationConfiguration.Output.WriteLineAsync(result.GetValue(format) == "json" ? DiffJson.Write(report) : DiffText.Write(report)).ConfigureAwait(false);
            return report.ExitCode;
        });
        return command;
    }
}
