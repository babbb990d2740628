namespace MockAccounts.Core.Scenarios;

/// <summary>How a vendor refuses a request body its operation's contract forbids (a catalogue's <c>body</c>).</summary>
/// <param name="Malformed">The scenario answering a body that is not JSON; null: the operation's 400 scenario, else its 422.</param>
/// <param name="Invalid">The scenario answering JSON that breaks the schema; null: the operation's 422 scenario, else its 400.</param>
/// <param name="ViolationsAt">Where in the refusal's body the violations go, by field; null: the scenario's body as written.</param>
public sealed record BodyRefusal(string? Malformed, string? Invalid, string? ViolationsAt)
{
    /// <summary>No catalogue settings: refusals are found by status and keep their bodies as written.</summary>
    public static readonly BodyRefusal ByStatus = new(null, null, null);
}
