namespace MockAccounts.Core.Generation;

/// <summary>An array whose item count is drawn within a range.</summary>
/// <param name="Min">The fewest items.</param>
/// <param name="Max">The most items.</param>
public sealed record ArrayHint(int Min, int Max) : Hint;
