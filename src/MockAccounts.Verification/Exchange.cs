namespace MockAccounts.Verification;

/// <summary>A request and what came back: a response, or why none did.</summary>
/// <param name="Probe">The request.</param>
/// <param name="Response">The response, or null.</param>
/// <param name="Failure">Why there is no response, or null.</param>
public sealed record Exchange(Probe Probe, ObservedResponse? Response, TransportFailure? Failure);
