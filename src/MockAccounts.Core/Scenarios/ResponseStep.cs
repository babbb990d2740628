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
    /// <summary>The example of the response to serve (a published spec's named example; <c>""</c>: its single <c>example</c>), or null for the default body.</summary>
    public string? Example { get; init; }

    /// <summary>Generate the body from the schema even where the document gives an example (<c>Prefer: dynamic=true</c>).</summary>
    public bool Generated { get; init; }

    /// <summary>A step that only answers <paramref name="status"/>: no headers, no fault, sent once.</summary>
    public static ResponseStep Plain(int status, OverrideNode? overrides = null, DelaySpec? delay = null) =>
        new(status, overrides, new Dictionary<string, string>(), delay, null, 1);
}
