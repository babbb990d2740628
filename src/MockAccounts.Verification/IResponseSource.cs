namespace MockAccounts.Verification;

/// <summary>Where responses come from: the live service over HTTP, or a recording.</summary>
public interface IResponseSource
{
    /// <summary>How reports name the source: a base URL, or a recording's file.</summary>
    string Description { get; }

    /// <summary>The response to <paramref name="probe"/>; never throws for what the service does (failures are in the exchange).</summary>
    /// <param name="probe">The request.</param>
    /// <param name="cancellationToken">Stops the run.</param>
    Task<Exchange> SendAsync(Probe probe, CancellationToken cancellationToken);
}
