using System.Collections.Concurrent;

namespace MockAccounts.Redis;

/// <summary>
/// How far each replica has got (the highest number it said it reached: a change's version, a flush's number), and the
/// callers waiting for a set of replicas to reach a number. The lock guards the waiter list only, never an await.
/// </summary>
internal sealed class Acknowledgements
{
    private readonly ConcurrentDictionary<string, long> _reached = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private readonly List<Waiter> _waiters = [];

    /// <summary>Records that <paramref name="replica"/> reached <paramref name="number"/>, and releases whoever waited for that.</summary>
    public void Record(string replica, long number)
    {
        _reached.AddOrUpdate(replica, number, (_, seen) => Math.Max(seen, number));
        lock (_gate)
        {
            for (var i = _waiters.Count - 1; i >= 0; i--)
            {
                if (_waiters[i].Done(this))
                {
                    _waiters.RemoveAt(i);
                }
            }
        }
    }

    /// <summary>Waits until every one of <paramref name="replicas"/> has reached <paramref name="number"/>, or <paramref name="timeout"/> passes.</summary>
    /// <returns>The replicas that had not reached it (empty when all had).</returns>
    public async Task<IReadOnlyList<string>> WaitAsync(long number, IReadOnlyCollection<string> replicas, TimeSpan timeout, TimeProvider time, CancellationToken cancellationToken)
    {
        var waiter = new Waiter(number, replicas);
        lock (_gate)
        {
            if (waiter.Done(this))
            {
                return [];
            }

            _waiters.Add(waiter);
        }

        try
        {
            await waiter.Reached.Task.WaitAsync(timeout, time, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // Answered all the same: the caller says which replicas had not got there.
        }
        finally
        {
            lock (_gate)
            {
                _waiters.Remove(waiter);
            }
        }

        return [.. replicas.Where(r => Reached(r) < number)];
    }

    private long Reached(string replica) => _reached.GetValueOrDefault(replica, -1);

    private sealed class Waiter(long number, IReadOnlyCollection<string> replicas)
    {
        public TaskCompletionSource Reached { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public bool Done(Acknowledgements acks)
        {
            if (replicas.All(r => acks.Reached(r) >= number))
            {
                Reached.TrySetResult();
                return true;
            }

            return false;
        }
    }
}
