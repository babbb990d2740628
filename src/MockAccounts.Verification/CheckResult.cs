namespace MockAccounts.Verification;

/// <summary>One check of one response: per operation, request and aspect, ok, drift or error.</summary>
/// <param name="Operation">The operation, <c>METHOD /path</c>.</param>
/// <param name="Request">Which of the operation's requests.</param>
/// <param name="Aspect">What was checked.</param>
/// <param name="Outcome">Ok, drift or error.</param>
/// <param name="Drifts">Each way the response left the contract here (empty unless the outcome is drift).</param>
/// <param name="Detail">What was seen (ok), or why the check could not be made (error).</param>
/// <param name="Elapsed">How long the request took.</param>
public sealed record CheckResult(
    string Operation,
    RequestMode Request,
    CheckAspect Aspect,
    CheckOutcome Outcome,
    IReadOnlyList<Drift> Drifts,
    string Detail,
    TimeSpan Elapsed)
{
    /// <summary>The check's name: <c>GET /v1/accounts/me with-credential body</c>.</summary>
    public string Name => $"{Operation} {Names.Of(Request)} {Names.Of(Aspect)}";
}
