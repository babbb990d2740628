using MockAccounts.Core.Generation;

namespace MockAccounts.Core.Scenarios;

/// <summary>One response a scenario gives: status, body overrides, headers, and what the wire does.</summary>
public sealed record ResponseStep(
    int Status,
    OverrideNode? Overrides,
    IReadOnlyDictionary<string, string> Headers,
    DelaySpec? Delay,
    FaultKind? Fault,
    int Repeat)
{
    /// <summary>A step that only answers <paramref name="status"/>: no headers, no fault, sent once.</summary>
    public static ResponseStep Plain(int status, OverrideNode? overrides = null, DelaySpec? delay = null) =>
        new(status, overrides, new Dictionary<string, string>(), delay, null, 1);
}
