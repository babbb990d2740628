namespace MockAccounts.Core.Mappings;

/// <summary>
/// What one request (or one admin query) may spend on matching: stub mappings, request patterns, near misses and
/// JSONPath share one deadline, and stop as soon as the client goes away. Every regular expression run under it gets
/// a timeout no longer than the time left (<see cref="TimedRegex"/>), so one slow pattern cannot take more than the
/// whole allowance, and twenty-five cannot take twenty-five times it.
/// </summary>
public sealed class MatchBudget
{
    private readonly TimeProvider _time;
    private readonly long _started;

    /// <summary>A budget of <paramref name="allowance"/> from now.</summary>
    /// <param name="allowance">How long matching may take in all.</param>
    /// <param name="setting">The setting that gives the allowance, named when it is spent (e.g. <c>MockAccounts:Mappings:MatchBudget</c>).</param>
    /// <param name="time">The clock the allowance runs on; null for the system clock.</param>
    /// <param name="cancellation">Stops matching when the client goes away.</param>
    public MatchBudget(TimeSpan allowance, string setting, TimeProvider? time = null, CancellationToken cancellation = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(allowance, TimeSpan.Zero);
        Allowance = allowance;
        Setting = setting;
        Cancellation = cancellation;
        _time = time ?? TimeProvider.System;
        _started = _time.GetTimestamp();
    }

    /// <summary>How long matching may take in all.</summary>
    public TimeSpan Allowance { get; }

    /// <summary>The setting that gives the allowance.</summary>
    public string Setting { get; }

    /// <summary>Cancelled when the client goes away.</summary>
    public CancellationToken Cancellation { get; }

    /// <summary>The time left; zero or less once spent.</summary>
    public TimeSpan Remaining => Allowance - _time.GetElapsedTime(_started);

    /// <summary>Throws when the client has gone away (<see cref="OperationCanceledException"/>) or the time is spent (<see cref="MatchBudgetSpentException"/>).</summary>
    public void ThrowIfSpent()
    {
        Cancellation.ThrowIfCancellationRequested();
        if (Remaining <= TimeSpan.Zero)
        {
            throw new MatchBudgetSpentException(this);
        }
    }
}
