using MockAccounts.Core.Generation;

namespace MockAccounts.Core.Scenarios;

/// <summary>A network failure a step simulates instead of a clean response.</summary>
public enum FaultKind
{
    /// <summary>The connection is reset before any response.</summary>
    ConnectionReset,
    /// <summary>The connection closes with no response.</summary>
    EmptyResponse,
    /// <summary>A success status with a body that is not valid JSON.</summary>
    MalformedJson,
    /// <summary>The body trickles out slowly.</summary>
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
