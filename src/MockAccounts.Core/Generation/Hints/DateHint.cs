namespace MockAccounts.Core.Generation;

/// <summary>A date-time between two offsets from the reference time.</summary>
/// <param name="From">The earliest moment, e.g. <c>-3y</c>.</param>
/// <param name="To">The latest moment, e.g. <c>0s</c>.</param>
public sealed record DateHint(RelativeTime From, RelativeTime To) : Hint;
