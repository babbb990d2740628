using System.CommandLine;
using MockAccounts.Verification;
using MockAccounts.Verification.Reports;

namespace MockAccounts.Tool;

/// <summary><c>mockaccounts verify</c>: holds a live vendor (or a recording of it) to its contract.</summary>
internal static class VerifyCommand
{
    public static Command Create(TimeProvider time)
    {
        var shared = new VerificationOptions();
        var recorded = new Option<string>("--recorded") { Description = "Check a recording (mockaccounts record) instead of the live service: no network, no credential.", HelpName = "DIR" };
        var format = new Option<ReportFormat>("--format") { Description = "text (default), json, or junit (one test case per check).", DefaultValueFactory = _ => ReportFormat.Text };
        var output = new Option<string>("--output") { Description = "Write the report (in --format) to this file; the readable report still goes to stdout.", HelpName = "FILE" };
        var showValues = new Option<bool>("--show-values") { Description = "Show observed values in the report (masked by default: types, lengths and enum values only). The credential is never shown." };
        var writeVariant = new Option<string>("--write-variant")
        {
            Description = "Write each drift's suggested change as a new variant beside the contract (schemas/<vendor>/variants/NAME/), proven at load like any other.",
            HelpName = "NAME",
        };
        var command = new Command("verify", """
            Holds a vendor's live API to its contract: every GET operation with the credential (a documented 2xx,
            its Content-Type, declared headers and a strict body check), without it and with a malformed one (the
            documented 401/403). Unsafe operations only with --include-unsafe.
            Exit codes: 0 no drift; 1 drift found; 2 usage, connection, TLS or another error that left a check undone (the message says which).
            """);
        shared.AddTo(command);
        command.Add(recorded);
        command.Add(format);
        command.Add(output);
        command.Add(showValues);
        command.Add(writeVariant);
        command.Action = new UsageAwareAction(async (result, cancellationToken) =>
        {
            var stdout = result.InvocationConfiguration.Output;
            var stderr = result.InvocationConfiguration.Error;
            var baseUrl = result.GetValue(shared.BaseUrl);
            var recording = result.GetValue(recorded);
            if ((baseUrl is null) == (recording is null))
            {
                throw new UsageException("give either --base-url URL (the live service) or --recorded DIR (a recording)");
            }

            var catalog = await ContractCatalog.LoadAsync(shared.Roots(result), cancellationToken: cancellationToken).ConfigureAwait(false);
            var target = catalog.Target(result.GetValue(shared.Vendor)!, result.GetValue(shared.Variant)!);
            var credential = recording is null ? shared.CredentialFor(result, target.Vendor) ?? throw new UsageException(VerificationOptions.NoCredential(target)) : null;
            var plan = RequestPlanner.Plan(target, shared.Settings(result, credential));
            var display = new ValueDisplay(result.GetValue(showValues), credential);
            VerificationReport report;
            if (recording is null)
            {
                using var http = shared.Http(result);
                report = await ContractVerifier.VerifyAsync(target, plan, http, display, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                report = await ContractVerifier.VerifyAsync(target, plan, RecordedResponseSource.Load(recording, target.Vendor), display, cancellationToken).ConfigureAwait(false);
            }

            var chosen = result.GetValue(format);
            var file = result.GetValue(output);
            if (file is null)
            {
                await stdout.WriteLineAsync(Write(report, chosen)).ConfigureAwait(false);
            }
            else
            {
                await File.WriteAllTextAsync(file, Write(report, chosen) + "\n", cancellationToken).ConfigureAwait(false);
                await stdout.WriteLineAsync(TextReport.Write(report)).ConfigureAwait(false);
            }

            return result.GetValue(writeVariant) is { } name
                ? await WriteVariantAsync(target, report, name, time, stderr, cancellationToken).ConfigureAwait(false)
                : report.ExitCode;
        });
        return command;
    }

    private static string Write(VerificationReport report, ReportFormat format) => format switch
    {
        ReportFormat.Json => JsonReport.Write(report),
        ReportFormat.Junit => JUnitReport.Write(report),
        _ => TextReport.Write(report),
    };

    private static async Task<int> WriteVariantAsync(VerificationTarget target, VerificationReport report, string name, TimeProvider time, TextWriter stderr, CancellationToken cancellationToken)
    {
        if (report.Drifts.Count == 0)
        {
            await stderr.WriteLineAsync($"no drift: variant '{name}' not written").ConfigureAwait(false);
            return report.ExitCode;
        }

        if (Path.GetFullPath(target.ContractRoot).TrimEnd(Path.DirectorySeparatorChar) == Path.GetFullPath(VerificationOptions.BuiltIn).TrimEnd(Path.DirectorySeparatorChar))
        {
            throw new UsageException($"--write-variant writes beside the vendor's contract, and {target.Vendor}'s is the tool's built-in copy: pass --contracts DIR, a folder holding schemas/{target.Vendor}/ and mocks/{target.Vendor}/ (a copy of the repository's), and the variant goes there");
        }

        var written = await VariantWriter.WriteAsync(target, report, name, time.GetUtcNow(), cancellationToken: cancellationToken).ConfigureAwait(false);
        await stderr.WriteLineAsync($"wrote variant '{written.Name}' ({written.Applied.Count} change{(written.Applied.Count == 1 ? "" : "s")}), proven: {written.OpenApiFile}, {written.CatalogueFile}").ConfigureAwait(false);
        foreach (var left in written.NotWritten)
        {
            await stderr.WriteLineAsync($"not written: {left}").ConfigureAwait(false);
        }

        return report.ExitCode;
    }
}
