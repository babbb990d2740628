namespace MockAccounts.Verification;

/// <summary>Sends each planned request (or reads it from a recording) and holds every response to the contract.</summary>
public static class ContractVerifier
{
    /// <summary>Verifies <paramref name="target"/> with the responses <paramref name="source"/> gives.</summary>
    /// <param name="target">The contract.</param>
    /// <param name="plan">The requests.</param>
    /// <param name="source">The live service, or a recording.</param>
    /// <param name="display">How observed values are shown.</param>
    /// <param name="cancellationToken">Stops the run.</param>
    public static async Task<VerificationReport> VerifyAsync(
        VerificationTarget target, RequestPlan plan, IResponseSource source, ValueDisplay display, CancellationToken cancellationToken = default)
    {
        var exchanges = await ExchangeAsync(plan, source, cancellationToken).ConfigureAwait(false);
        return Check(target, plan, exchanges, source.Description, display);
    }

    /// <summary>The report of exchanges already made (a recording being written is checked from the same exchanges).</summary>
    /// <param name="target">The contract.</param>
    /// <param name="plan">The requests.</param>
    /// <param name="exchanges">Each request's response or failure.</param>
    /// <param name="source">How the report names the source.</param>
    /// <param name="display">How observed values are shown.</param>
    public static VerificationReport Check(VerificationTarget target, RequestPlan plan, IReadOnlyList<Exchange> exchanges, string source, ValueDisplay display)
    {
        var checks = exchanges.SelectMany(e => ResponseCheck.Run(target.Document, display, e)).ToArray();
        return new VerificationReport(target.Vendor, target.Variant, source, target.Document.DisplayPath, checks, plan.Skipped);
    }

    /// <summary>
    /// Each probe's response, one at a time (a vendor's rate limit is not the thing being tested). After a failure
    /// that would repeat (no connection, no TLS, no name), the rest are not sent.
    /// </summary>
    /// <param name="plan">The requests.</param>
    /// <param name="source">Where responses come from.</param>
    /// <param name="cancellationToken">Stops the run.</param>
    public static async Task<IReadOnlyList<Exchange>> ExchangeAsync(RequestPlan plan, IResponseSource source, CancellationToken cancellationToken = default)
    {
        var exchanges = new List<Exchange>();
        TransportFailure? stopped = null;
        foreach (var probe in plan.Probes)
        {
            if (probe.Problem is { } problem)
            {
                exchanges.Add(new Exchange(probe, null, new TransportFailure(FailureKind.NotSent, $"not sent: {problem}")));
                continue;
            }

            if (stopped is not null)
            {
                exchanges.Add(new Exchange(probe, null, new TransportFailure(FailureKind.NotSent, $"not sent: an earlier request failed ({stopped.Message})")));
                continue;
            }

            var exchange = await source.SendAsync(probe, cancellationToken).ConfigureAwait(false);
            if (exchange.Failure is { StopsTheRun: true } failure)
            {
                stopped = failure;
            }

            exchanges.Add(exchange);
        }

        return exchanges;
    }
}
