namespace MockAccounts.Verification;

/// <summary>The requests verification sends, and the operations it leaves alone (with why).</summary>
/// <param name="Probes">The requests, operation by operation.</param>
/// <param name="Skipped">Operations not asked, each with the reason (unsafe without <c>--include-unsafe</c>).</param>
public sealed record RequestPlan(IReadOnlyList<Probe> Probes, IReadOnlyList<string> Skipped);
