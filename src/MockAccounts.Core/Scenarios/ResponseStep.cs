using MockAccounts.Core.Generation;

namespace MockAccounts.Core.Scenarios;

public enum FaultKind
{
    ConnectionReset,
    EmptyResponse,
    MalformedJson,
    SlowBody,
}

/// <summary>Milliseconds to wait before answering: fixed when <c>MinMs == MaxMs</c>.</summary>
public sealed record DelaySpec(int MinMs, int MaxMs);

/// <summary>One response a scenario gives: status, body overrides, headers, and what the wire does.</summary>
public sealed record ResponseStep(
    int Status,
    OverrideNode? Overrides,
    IReadOnlyDictionary<string, string> Headers,
    DelaySpec? Delay,
    FaultKind? Fault,
    int Repeat);
