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
