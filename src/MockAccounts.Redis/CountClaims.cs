using MockAccounts.Core.Runtime;

namespace MockAccounts.Redis;

/// <summary>
/// Claims on shared counters, at most one round trip per counter at a time: claims on a counter that arrive while its round
/// trip is out wait together and go in the next one, as one atomic claim of as many positions (handed out in arrival
/// order). Thirty-two concurrent requests on one sequence thus cost a few round trips, not thirty-two; a lone claim costs
/// exactly one, as before. Each position is still claimed once across every replica: Redis claims them all in one step.
/// </summary>
/// <param name="claim">
/// Claims <c>n</c> positions of the counter in one atomic step; returns the first, and whether they were claimed (a claim
/// from an older epoch is not: each of its requests reads the same position).
/// </param>
internal sealed class CountClaims(Func<SharedCounter, int, Task<(long First, bool Claimed)>> claim)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<SharedCounter, Counter> _counters = [];

    /// <summary>Counters with a round trip out now (0 when idle: nothing is kept for a counter between claims).</summary>
    public int InFlight
    {
        get
        {
            lock (_gate)
            {
                return _counters.Count;
            }
        }
    }

    /// <summary>Claims the counter's next position (with whichever claims arrive while the one before is out).</summary>
    /// <param name="counter">The counter.</param>
    public async ValueTask<long> NextAsync(SharedCounter counter)
    {
        Group group;
        int index;
        var send = false;
        lock (_gate)
        {
            if (!_counters.TryGetValue(counter, out var state))
            {
                state = new Counter();
                _counters[counter] = state;
                send = true;
            }

            group = state.Waiting ??= new Group();
            index = group.Size++;
            if (send)
            {
                state.Waiting = null;
            }
        }

        if (send)
        {
            _ = SendAsync(counter, group);
        }

        var (first, claimed) = await group.First.Task.ConfigureAwait(false);
        return claimed ? first + index : first;
    }

    /// <summary>Sends the group, then each group that gathered meanwhile, until none waits.</summary>
    private async Task SendAsync(SharedCounter counter, Group group)
    {
        while (true)
        {
            try
            {
                group.First.TrySetResult(await claim(counter, group.Size).ConfigureAwait(false));
            }
            catch (Exception e)
            {
                group.First.TrySetException(e);
            }

            lock (_gate)
            {
                var state = _counters[counter];
                if (state.Waiting is null)
                {
                    _counters.Remove(counter);
                    return;
                }

                group = state.Waiting;
                state.Waiting = null;
            }
        }
    }

    private sealed class Counter
    {
        public Group? Waiting { get; set; }
    }

    private sealed class Group
    {
        public int Size { get; set; }

        public TaskCompletionSource<(long First, bool Claimed)> First { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
