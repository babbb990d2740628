using System.CommandLine;
using System.Globalization;
using MockAccounts.Verification;

namespace MockAccounts.Tool;

/// <summary><c>mockaccounts record</c>: stores what a vendor answers, for <c>verify --recorded</c> without a network.</summary>
internal static class RecordCommand
{
    public static Command Create(TimeProvider time)
    {
        var shared = new VerificationOptions();
        var output = new Option<string>("--out") { Description = "The recording folder; the vendor's responses go to <DIR>/<vendor>.json.", HelpName = "DIR", Required = true };
        var keepValues = new Option<bool>("--keep-values") { Description = "Keep strings as they are (by default each becomes a same-shape placeholder). The credential is removed either way." };
        var command = new Command("record", """
            Sends verify's requests and stores each response (status, the headers that matter, body) with the
            credential removed and strings replaced by same-shape placeholders, for 'mockaccounts verify VENDOR --recorded DIR'.
            Exit codes: 0 every request answered; 2 usage, connection, TLS or timeout (what was answered is still recorded).
            """);
        shared.AddTo(command);
        command.Add(output);
        command.Add(keepValues);
        command.Action = new UsageAwareAction(async (result, cancellationToken) =>
        {
            var stdout = result.InvocationConfiguration.Output;
            var stderr = result.InvocationConfiguration.Error;
            if (result.GetValue(shared.BaseUrl) is null)
            {
                throw new UsageException("record needs --base-url URL (the live service)");
            }

            var catalog = await ContractCatalog.LoadAsync(shared.Roots(result), cancellationToken: cancellationToken).ConfigureAwait(false);
            var target = catalog.Target(result.GetValue(shared.Vendor)!, result.GetValue(shared.Variant)!);
            var credential = shared.CredentialFor(result, target.Vendor) ?? throw new UsageException(VerificationOptions.NoCredential(target));
            var plan = RequestPlanner.Plan(target, shared.Settings(result, credential));
            using var http = shared.Http(result);
            var exchanges = await ContractVerifier.ExchangeAsync(plan, http, cancellationToken).ConfigureAwait(false);
            var warnings = new List<string>();
            var keep = result.GetValue(keepValues);
            var recording = Recording.Create(target, exchanges, http.Description, time.GetUtcNow(), keep, credential, warnings);
            var file = await Recording.WriteAsync(result.GetValue(output)!, recording, cancellationToken).ConfigureAwait(false);
            var display = new ValueDisplay(false, credential);
            foreach (var exchange in exchanges)
            {
                var what = exchange.Response is { } response
                    ? $"{response.Status.ToString(CultureInfo.InvariantCulture)} {response.MediaType ?? "(no Content-Type)"}, {response.Body.Length.ToString(CultureInfo.InvariantCulture)} bytes"
                    : display.Redact(exchange.Failure?.Message ?? "no response");
                await stdout.WriteLineAsync($"{exchange.Probe}: {what}").ConfigureAwait(false);
            }

            foreach (var note in plan.Skipped)
            {
                await stdout.WriteLineAsync($"note: {note}").ConfigureAwait(false);
            }

            foreach (var warning in warnings)
            {
                await stderr.WriteLineAsync($"warning: {warning}").ConfigureAwait(false);
            }

            var answered = exchanges.Count(e => e.Response is not null);
            await stdout.WriteLineAsync($"recorded {answered.ToString(CultureInfo.InvariantCulture)} of {exchanges.Count.ToString(CultureInfo.InvariantCulture)} responses to {file} ({(keep ? "values kept, credential removed" : "strings replaced by same-shape placeholders, credential removed")})").ConfigureAwait(false);
            return answered == exchanges.Count ? 0 : UsageAwareAction.UsageError;
        });
        return command;
    }
}
