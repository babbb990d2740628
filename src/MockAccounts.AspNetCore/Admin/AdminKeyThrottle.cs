using MockAccounts.Core.Runtime;

namespace MockAccounts.AspNetCore.Admin;

/// <summary>
/// Wrong admin keys, counted per client address: past <see cref="MaxFailures"/> in <see cref="Window"/>, that address's
/// admin calls are refused with 429 until the window ends, without the key being compared, so guessing it costs
/// minutes instead of milliseconds (the attack run made about 3,600 guesses a second). Bounded: the addresses of the
/// least recent failures go first past 10,000.
/// </summary>
internal sealed class AdminKeyThrottle(TimeProvider time)
{
    /// <summary>Wrong keys one address may send per window.</summary>
    public const int MaxFailures = 10;

    /// <summary>How long an address's failures count.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    private readonly TimeProvider _time = time;
    private readonly BoundedMap<string, Failures> _byClient = new(10_000);

    /// <summary>How long the client must wait before its next admin call, or null when it may call now.</summary>
    public TimeSpan? Wait(HttpContext context)
    {
        if (!_byClient.TryGetValue(Client(context), out var failures))
        {
            return null;
        }

        lock (failures)
        {
            var left = Window - _time.GetElapsedTime(failures.Since);
            return failures.Count >= MaxFailures && left > TimeSpan.Zero ? left : null;
        }
    }

    /// <summary>Counts one wrong key from the client.</summary>
    public void Failed(HttpContext context)
    {
        var failures = _byClient.GetOrAdd(Client(context), _ => new Failures(_time.GetTimestamp()));
        lock (failures)
        {
            if (_time.GetElapsedTime(failures.Since) >= Window)
            {
                failures.Since = _time.GetTimestamp();
                failures.Count = 0;
            }

            failures.Count++;
        }
    }

    private static string Client(HttpContext context) => context.Connection.RemoteIpAddress?.ToString() ?? "";

    private sealed class Failures(long since)
    {
        public long Since = since;
        public int Count;
    }
}
