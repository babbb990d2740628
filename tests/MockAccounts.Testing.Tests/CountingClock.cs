using Microsoft.Extensions.Time.Testing;

namespace MockAccounts.Testing.Tests;

/// <summary>A fake clock that counts the timers set on it, so a test advances it only once the server waits.</summary>
internal sealed class CountingClock : FakeTimeProvider
{
    private int _timers;

    public int Timers => Volatile.Read(ref _timers);

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        Interlocked.Increment(ref _timers);
        return base.CreateTimer(callback, state, dueTime, period);
    }
}
