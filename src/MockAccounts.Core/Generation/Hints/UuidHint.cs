namespace MockAccounts.Core.Generation;

/// <summary>A random UUID, stable per token.</summary>
public sealed record UuidHint : Hint;
