using System.Globalization;
using System.Threading.Channels;
using MockAccounts.AspNetCore.Journal;
using StackExchange.Redis;

namespace MockAccounts.Redis;

/// <summary>
/// The journal on Redis: one list per prefix, trimmed to <c>Journal:Capacity</c> (dropped entries counted). A replica queues
/// its entries and writes them in batches off the request path; while Redis cannot be reached they wait in the queue, up
/// to its bound, past which they are dropped and counted (health shows both). A read first asks every live replica to write
/// what it has queued, so an entry for a request already answered is always there.
/// </summary>
internal sealed class RedisJournal : ISharedJournal
{
    private const int Batch = 1000;

    private readonly RedisReplica _replica;
    private readonly int _capacity;
    private readonly Channel<byte[]> _queue;
    private readonly RedisKey[] _keys;
    private long _enqueued;
    private long _written;
    private long _queueDropped;
    private long _flushes;
    private TaskCompletionSource _progress = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public RedisJournal(RedisReplica replica, int capacity)
    {
        _replica = replica;
        _capacity = capacity;
        _keys = [replica.Keys.Journal, replica.Keys.JournalDropped];
        // Enough for a journal's worth of entries while Redis is away, and a floor for small journals under load.
        _queue = Channel.CreateBounded<byte[]>(new BoundedChannelOptions(Math.Clamp(capacity, 1024, 100_000)) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
    }

    /// <summary>Entries waiting to be written (those of a batch being tried included).</summary>
    public int Queued => (int)(Interlocked.Read(ref _enqueued) - Interlocked.Read(ref _written));

    /// <summary>Entries dropped because the queue was full.</summary>
    public long QueueDropped => Interlocked.Read(ref _queueDropped);

    /// <summary>Completes when the writer has stopped.</summary>
    public Task Stopped { get; private set; } = Task.CompletedTask;

    public void Start(CancellationToken stopping) => Stopped = Task.Run(() => WriteAsync(stopping), CancellationToken.None);

    public void Append(byte[] entry)
    {
        if (_queue.Writer.TryWrite(entry))
        {
            Interlocked.Increment(ref _enqueued);
        }
        else
        {
            Interlocked.Increment(ref _queueDropped);
        }
    }

    public async Task FlushAllAsync(CancellationToken cancellationToken)
    {
        Connected("the journal cannot be read");
        var number = Interlocked.Increment(ref _flushes);
        IReadOnlyList<string> others;
        try
        {
            others = [.. (await _replica.LiveAsync().ConfigureAwait(false)).Where(r => r != _replica.Id)];
            if (others.Count > 0)
            {
                await _replica.Database.PublishAsync(_replica.Keys.Flush, string.Create(CultureInfo.InvariantCulture, $"{_replica.Id} {number}")).ConfigureAwait(false);
            }
        }
        catch (RedisException e)
        {
            throw _replica.Unavailable("the journal cannot be read", e);
        }

        await FlushLocalAsync(_replica.Options.ReplicaWait).ConfigureAwait(false);
        if (others.Count > 0)
        {
            await _replica.Flushes.WaitAsync(number, others, _replica.Options.ReplicaWait, _replica.Time, cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task<IReadOnlyList<byte[]>> ReadAsync(CancellationToken cancellationToken) =>
        [.. (await Call(db => db.ListRangeAsync(_replica.Keys.Journal)).ConfigureAwait(false)).Select(v => (byte[])v!)];

    public Task RemoveAsync(IReadOnlyList<byte[]> entries, CancellationToken cancellationToken) =>
        Call(db => Task.WhenAll(entries.Select(e => db.ListRemoveAsync(_replica.Keys.Journal, e, 1))));

    public Task ClearAsync(CancellationToken cancellationToken) => Call(db => db.KeyDeleteAsync(_keys));

    public async Task<(int Count, long Dropped)> CountsAsync(CancellationToken cancellationToken)
    {
        var (count, dropped) = await Call(async db => (await db.ListLengthAsync(_replica.Keys.Journal).ConfigureAwait(false), await db.StringGetAsync(_replica.Keys.JournalDropped).ConfigureAwait(false))).ConfigureAwait(false);
        return ((int)count, dropped.IsNull ? 0 : (long)dropped);
    }

    /// <summary>Another replica asks for the queue to be written ("requester number"): written, then answered.</summary>
    public void OnFlushRequested(string? message)
    {
        if (message?.Split(' ') is not [var requester, var number] || requester == _replica.Id)
        {
            return;
        }

        _ = Task.Run(async () =>
        {
            await FlushLocalAsync(_replica.Options.ReplicaWait).ConfigureAwait(false);
            if (_replica.Connected)
            {
                _replica.Database.Publish(_replica.Keys.Acks, $"f {_replica.Id} {requester} {number}", CommandFlags.FireAndForget);
            }
        });
    }

    /// <summary>Waits (at most <paramref name="timeout"/>) until every entry queued before now has been written.</summary>
    public async Task FlushLocalAsync(TimeSpan timeout)
    {
        var target = Interlocked.Read(ref _enqueued);
        var deadline = _replica.Time.GetTimestamp();
        while (Interlocked.Read(ref _written) < target && _replica.Time.GetElapsedTime(deadline) < timeout)
        {
            var progress = Volatile.Read(ref _progress);
            if (Interlocked.Read(ref _written) >= target)
            {
                break;
            }

            try
            {
                await progress.Task.WaitAsync(timeout - _replica.Time.GetElapsedTime(deadline), _replica.Time).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                break;
            }
        }
    }

    private async Task WriteAsync(CancellationToken stopping)
    {
        var batch = new List<RedisValue>(Batch + 1);
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                if (batch.Count == 0)
                {
                    if (!await _queue.Reader.WaitToReadAsync(stopping).ConfigureAwait(false))
                    {
                        return;
                    }

                    batch.Add(_capacity);
                    while (batch.Count <= Batch && _queue.Reader.TryRead(out var entry))
                    {
                        batch.Add(entry);
                    }
                }

                await _replica.Database.ScriptEvaluateAsync(RedisScripts.Append, _keys, [.. batch]).ConfigureAwait(false);
                Interlocked.Add(ref _written, batch.Count - 1);
                batch.Clear();
                Interlocked.Exchange(ref _progress, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (RedisException)
            {
                // Kept for the next try; entries queue behind it meanwhile (up to the queue's bound).
                try
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(200), _replica.Time, stopping).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    private void Connected(string what)
    {
        if (!_replica.Connected)
        {
            throw _replica.Unavailable(what);
        }
    }

    private async Task<T> Call<T>(Func<IDatabase, Task<T>> call)
    {
        Connected("the journal cannot be read or changed");
        try
        {
            return await call(_replica.Database).ConfigureAwait(false);
        }
        catch (RedisException e)
        {
            throw _replica.Unavailable("the journal cannot be read or changed", e);
        }
    }

    private async Task Call(Func<IDatabase, Task> call) => await Call<bool>(async db =>
    {
        await call(db).ConfigureAwait(false);
        return true;
    }).ConfigureAwait(false);
}
