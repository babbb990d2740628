namespace MockAccounts.AspNetCore.Admin;

/// <summary>One scenario of a vendor variant's catalogue.</summary>
/// <param name="Name">The scenario's name, as bound to a vendor or token.</param>
/// <param name="Description">What the scenario serves.</param>
/// <param name="Status">The HTTP status it answers with (a sequence's first step).</param>
/// <param name="Sequence">Whether successive calls walk through its steps (several steps, or one repeated).</param>
/// <param name="Statuses">Each step's HTTP status, in order.</param>
/// <param name="Group">persona (2xx), error (4xx/5xx), fault (delays, broken wire) or sequence.</param>
/// <param name="Fault">What the wire does instead of a clean answer on the first step (<c>connection-reset</c>, <c>empty-response</c>, <c>malformed-json</c>, <c>slow-body</c>); null for a clean answer.</param>
/// <param name="Answers">What each step answers, in order, as a person reads it: the status (<c>200</c>), or the fault that leaves no status at all (<c>connection-reset</c>, <c>empty-response</c>).</param>
public sealed record ScenarioInfoDto(
    string Name, string Description, int Status, bool Sequence, IReadOnlyList<int> Statuses, string Group, string? Fault, IReadOnlyList<string> Answers);
