using Microsoft.Extensions.Time.Testing;

namespace MockAccounts.Tests.Support;

/// <summary>A fake clock that counts the timers set on it, so a test advances it only once the server waits.</summary>
internal sealed class CountingClock : FakeTimeProvider
{
    private int _timers;

    public int Timers => Volatile.Read(ref _timers);

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        // Counted once registered: a test that advances the clock as soon as it sees the count must not
        // advance it before the timer exists, or the timer would be due relative to the advanced time.
        var timer = base.CreateTimer(callback, state, dueTime, period);
        Interlocked.Increment(ref _timers);
        return timer;
    }
}
