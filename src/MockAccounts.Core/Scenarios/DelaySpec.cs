namespace MockAccounts.Core.Scenarios;

/// <summary>Milliseconds to wait before answering: fixed when <c>MinMs == MaxMs</c>.</summary>
public sealed record DelaySpec(int MinMs, int MaxMs);
