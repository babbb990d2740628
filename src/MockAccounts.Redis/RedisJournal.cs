using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Threading.Channels;
using MockAccounts.AspNetCore.Journal;
using StackExchange.Redis;

namespace MockAccounts.Redis;

/// <summary>
/// The journal on Redis: one list of pages per prefix (<see cref="JournalPage"/>, a batch each), kept to
/// <c>Journal:Capacity</c> entries over all replicas (dropped entries counted). A replica queues its entries and writes
/// them in pages off the request path; while Redis cannot be reached they wait in the queue, up to its bound, past which
/// they are dropped and counted (health shows both). A read first asks every live replica to write
/// what it has queued, so an entry for a request already answered is always there.
/// </summary>
internal sealed class RedisJournal : ISharedJournal
{
    private const int Batch = 1000;

    /// <summary>
    /// How long the writer lets entries gather before it writes a page that is not full. Written as soon as they came, a
    /// busy replica's pages held 14 entries each and their scripts took a tenth of a core of Redis at 40,000 requests a
    /// second; a read of the journal never waits for it (it asks for the queue now).
    /// </summary>
    private static readonly TimeSpan Linger = TimeSpan.FromMilliseconds(10);

    private readonly RedisReplica _replica;
    private readonly int _capacity;
    private readonly Channel<byte[]> _queue;
    private readonly RedisKey[] _keys;
    private readonly RedisKey[] _removeKeys;
    private readonly JournalPage _page = new();
    private long _enqueued;
    private long _written;
    private long _queueDropped;
    private long _flushes;
    private TaskCompletionSource _progress = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TaskCompletionSource _flushWanted = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public RedisJournal(RedisReplica replica, int capacity)
    {
        _replica = replica;
        _capacity = capacity;
        _keys =
        [
            replica.Keys.JournalPages, replica.Keys.JournalPageCounts, replica.Keys.JournalSize, replica.Keys.JournalHidden,
            replica.Keys.JournalDropped, replica.Keys.JournalPageTimes, replica.Keys.JournalPageNumber,
        ];
        _removeKeys = _keys[..3];
        var shared = Encoding.UTF8.GetBytes($"mockaccounts journal digest\n{replica.Options.Prefix}\n{RedisConfiguration.PasswordOf(replica.Options.Redis!)}");
        DigestKey = BinaryPrimitives.ReadInt64LittleEndian(SHA256.HashData(shared));
        // Enough for a journal's worth of entries while Redis is away, and a floor for small journals under load.
        _queue = Channel.CreateBounded<byte[]>(new BoundedChannelOptions(Math.Clamp(capacity, 1024, 100_000)) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
    }

    /// <summary>
    /// Derived from what every replica of this journal is configured with alike: the Redis password (if any) and the key
    /// prefix. Whoever can compute it can also read Redis's keys, the changes' tokens among them.
    /// </summary>
    public long DigestKey { get; }

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

    public async Task<(IReadOnlyList<byte[]> Entries, int OldestDropped)> ReadAsync(CancellationToken cancellationToken)
    {
        var (pages, hidden) = await Call(async db =>
        {
            var read = db.CreateTransaction();
            var pages = read.ListRangeAsync(_replica.Keys.JournalPages);
            var hidden = read.StringGetAsync(_replica.Keys.JournalHidden);
            await read.ExecuteAsync().ConfigureAwait(false);
            return (await pages.ConfigureAwait(false), await hidden.ConfigureAwait(false));
        }).ConfigureAwait(false);
        return ([.. pages.SelectMany(page => JournalPage.Read((byte[])page!))], hidden.IsNull ? 0 : (int)hidden);
    }

    public Task RemoveAsync(IReadOnlyList<byte[]> entries, CancellationToken cancellationToken) =>
        Call(db => db.ScriptEvaluateAsync(RedisScripts.RemoveEntries, _removeKeys, [.. entries.Select(e => (RedisValue)e.AsMemory(0, ISharedJournal.EntryIdLength))]));

    public Task ClearAsync(CancellationToken cancellationToken) => Call(db => db.KeyDeleteAsync(_keys));

    public async Task<(int Count, long Dropped)> CountsAsync(CancellationToken cancellationToken)
    {
        var values = await Call(db => db.StringGetAsync([_replica.Keys.JournalSize, _replica.Keys.JournalDropped])).ConfigureAwait(false);
        var (size, dropped) = (values[0], values[1]);
        return (size.IsNull ? 0 : (int)size, dropped.IsNull ? 0 : (long)dropped);
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
        Volatile.Read(ref _flushWanted).TrySetResult();
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
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                if (_page.Count == 0)
                {
                    if (!await _queue.Reader.WaitToReadAsync(stopping).ConfigureAwait(false))
                    {
                        return;
                    }

                    Fill();
                    if (_page.Count < Batch && !_page.Full)
                    {
                        await GatherAsync(stopping).ConfigureAwait(false);
                        Fill();
                    }
                }

                await _replica.Database.ScriptEvaluateAsync(RedisScripts.AppendPage, _keys, [_capacity, _page.Count, _page.Bytes, _page.Oldest, _page.Newest]).ConfigureAwait(false);
                Interlocked.Add(ref _written, _page.Count);
                _page.Clear();
                Interlocked.Exchange(ref _progress, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (RedisException)
            {
                // The page is kept for the next try; entries queue behind it meanwhile (up to the queue's bound).
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

    private void Fill()
    {
        while (_page.Count < Batch && !_page.Full && _queue.Reader.TryRead(out var entry))
        {
            _page.Add(entry);
        }
    }

    /// <summary>Waits for the linger to pass, or for a read that wants the queue written now.</summary>
    private async Task GatherAsync(CancellationToken stopping)
    {
        var wanted = Volatile.Read(ref _flushWanted);
        if (!wanted.Task.IsCompleted)
        {
            await Task.WhenAny(Task.Delay(Linger, _replica.Time, stopping), wanted.Task).ConfigureAwait(false);
        }

        stopping.ThrowIfCancellationRequested();
        if (wanted.Task.IsCompleted)
        {
            Interlocked.CompareExchange(ref _flushWanted, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously), wanted);
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
