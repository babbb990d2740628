namespace MockAccounts.Verification;

/// <summary>A request that got no response, and why.</summary>
/// <param name="Kind">The kind of failure.</param>
/// <param name="Message">What happened, naming the host (never the credential).</param>
public sealed record TransportFailure(FailureKind Kind, string Message)
{
    /// <summary>Whether later requests to the same host would fail the same way (they are not sent).</summary>
    public bool StopsTheRun => Kind is FailureKind.NameResolution or FailureKind.Connection or FailureKind.Tls;
}
