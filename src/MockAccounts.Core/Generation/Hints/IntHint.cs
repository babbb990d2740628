namespace MockAccounts.Core.Generation;

/// <summary>An integer within a range.</summary>
/// <param name="Min">The smallest value, inclusive.</param>
/// <param name="Max">The largest value, inclusive.</param>
public sealed record IntHint(long Min, long Max) : Hint;
