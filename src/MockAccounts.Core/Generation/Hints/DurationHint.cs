namespace MockAccounts.Core.Generation;

/// <summary><c>Places</c> fractional digits (0 to 9) after the seconds, e.g. <c>"812.345s"</c>.</summary>
public sealed record DurationHint(long MinSeconds, long MaxSeconds, int Places = 0) : Hint;
