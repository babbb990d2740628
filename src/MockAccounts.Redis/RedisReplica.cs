using System.Globalization;
using System.Threading.Channels;
using MockAccounts.AspNetCore;
using MockAccounts.AspNetCore.Admin;
using MockAccounts.AspNetCore.Hosting;
using MockAccounts.AspNetCore.Journal;
using MockAccounts.Core.Runtime;
using StackExchange.Redis;

namespace MockAccounts.Redis;

/// <summary>
/// One replica's link to the Redis it shares state with. It keeps the replica's view (the engine's state) in step: every
/// change published on the changes channel is applied here in version order, one at a time, and acknowledged; a gap in the
/// versions, a start and every reconnection load the whole shared state instead. A heartbeat keeps the replica in the live
/// set that writers wait for. Redis unreachable never stops the replica: it serves its last view and says so in its health.
/// </summary>
internal sealed partial class RedisReplica : ISharedStateConnection
{
    private readonly ConnectionMultiplexer _redis;
    private readonly StateWriter _writer;
    private readonly ILogger _log;
    private readonly string _store;
    private readonly Channel<Work> _work = Channel.CreateUnbounded<Work>(new UnboundedChannelOptions { SingleReader = true });
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _subscribing = new();
    private readonly RedisSharedState _state;
    private readonly RedisJournal _journal;
    private Task _applying = Task.CompletedTask;
    private Task _heartbeating = Task.CompletedTask;
    private Task? _subscribed;
    private volatile int _live;
    private volatile string? _lastError;

    private RedisReplica(ConnectionMultiplexer redis, MockEngine engine, MockAccountsOptions options, ILogger log, string id)
    {
        _redis = redis;
        _writer = engine.Writer;
        _log = log;
        Id = id;
        Options = options.State;
        Keys = new RedisKeys(options.State.Prefix);
        Time = engine.Time;
        _store = "redis " + RedisConfiguration.Redact(options.State.Redis!);
        _state = new RedisSharedState(this);
        _journal = new RedisJournal(this, options.Journal.Capacity);
    }

    /// <summary>This replica's id: host, process and a random part, as the <c>X-MockAccounts-Not-Applied-By</c> header names it.</summary>
    public string Id { get; }

    public StateOptions Options { get; }

    public RedisKeys Keys { get; }

    public TimeProvider Time { get; }

    public IDatabase Database => _redis.GetDatabase();

    public bool Connected => _redis.IsConnected;

    /// <summary>Who has applied which change.</summary>
    public Acknowledgements Changes { get; } = new();

    /// <summary>Who has written its journal queue for which flush request of this replica.</summary>
    public Acknowledgements Flushes { get; } = new();

    public ISharedState State => _state;

    public ISharedJournal Journal => _journal;

    public static async Task<RedisReplica> ConnectAsync(MockEngine engine, MockAccountsOptions options, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var id = string.Create(CultureInfo.InvariantCulture, $"{Environment.MachineName}-{Environment.ProcessId}-{Random.Shared.Next(0x10000):x4}");
        var log = loggers.CreateLogger("MockAccounts.State");
        var redis = await ConnectionMultiplexer.ConnectAsync(RedisConfiguration.Options(options.State.Redis!, "mockaccounts-" + id)).ConfigureAwait(false);
        var replica = new RedisReplica(redis, engine, options, log, id);
        await replica.StartAsync(cancellationToken).ConfigureAwait(false);
        return replica;
    }

    public SharedStateHealth Health() =>
        new(_store, Connected, Id, _live, _writer.Version, _journal.Queued, _journal.QueueDropped, _writer.ChangesAlone + _writer.CountsAlone, _lastError);

    /// <summary>The replicas live now, as Redis's clock sees their heartbeats.</summary>
    public async Task<IReadOnlyList<string>> LiveAsync() => [.. (await BeatAsync(register: false).ConfigureAwait(false)).Select(r => (string)r!)];

    /// <summary>The heartbeat script: this replica live as of now (when <paramref name="register"/>), and the live replicas.</summary>
    private async Task<RedisResult[]> BeatAsync(bool register) =>
        (RedisResult[])(await Database.ScriptEvaluateAsync(RedisScripts.Heartbeat, [Keys.Replicas], [Id, RedisScripts.LiveMilliseconds, register ? 1 : 0]).ConfigureAwait(false))!;

    /// <summary>The failure that makes a shared operation impossible now, naming the setting and never the password.</summary>
    public SharedStateUnavailableException Unavailable(string what, Exception? inner = null)
    {
        var message = $"Redis ({RedisConfiguration.Setting}, {_store}) cannot be reached: {what}{(inner is null ? "" : $" ({RedisConfiguration.Redact(inner.Message)})")}.";
        return inner is null
            ? new SharedStateUnavailableException(message) { Setting = RedisConfiguration.Setting }
            : new SharedStateUnavailableException(message, inner) { Setting = RedisConfiguration.Setting };
    }

    public async ValueTask DisposeAsync()
    {
        await _journal.FlushLocalAsync(TimeSpan.FromSeconds(1)).ConfigureAwait(false);
        await _stopping.CancelAsync().ConfigureAwait(false);
        _work.Writer.TryComplete();
        await Task.WhenAll(_applying, _heartbeating, _journal.Stopped).ConfigureAwait(false);
        if (Connected)
        {
            try
            {
                // Gone at once, not after the live window: writers stop waiting for this replica.
                await Database.SortedSetRemoveAsync(Keys.Replicas, Id).ConfigureAwait(false);
            }
            catch (RedisException)
            {
                // Its heartbeat runs out all the same.
            }
        }

        await _redis.CloseAsync().ConfigureAwait(false);
        await _redis.DisposeAsync().ConfigureAwait(false);
        _stopping.Dispose();
    }

    /// <summary>Tells the other replicas (and this one's waiters) that this replica has applied <paramref name="version"/>.</summary>
    public void Acknowledge(long version)
    {
        Changes.Record(Id, version);
        if (Connected)
        {
            Database.Publish(Keys.Acks, string.Create(CultureInfo.InvariantCulture, $"c {Id} {version}"), CommandFlags.FireAndForget);
        }
    }

    private async Task StartAsync(CancellationToken cancellationToken)
    {
        _redis.ConnectionFailed += (_, e) =>
        {
            _lastError = RedisConfiguration.Redact(e.Exception?.Message ?? e.FailureType.ToString());
            Log.Lost(_log, _store, _lastError);
        };
        _redis.ConnectionRestored += (_, _) =>
        {
            Log.Restored(_log, _store);
            _ = SubscribeAsync();
            _work.Writer.TryWrite(new Work(null, null));
        };
        _applying = Task.Run(ApplyAsync, CancellationToken.None);
        _heartbeating = Task.Run(HeartbeatAsync, CancellationToken.None);
        _journal.Start(_stopping.Token);
        _writer.Share(_state);
        if (!Connected)
        {
            Log.StartedWithout(_log, _store);
            return;
        }

        await SubscribeAsync().ConfigureAwait(false);
        var loaded = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _work.Writer.TryWrite(new Work(null, loaded));
        try
        {
            // The first request sees the shared state: the start waits for it (not for ever: a Redis that stalls is a Redis that is down).
            await loaded.Task.WaitAsync(TimeSpan.FromSeconds(10), Time, cancellationToken).ConfigureAwait(false);
            Log.Shared(_log, _store, Options.Prefix, Id, _writer.Version);
        }
        catch (Exception e) when (e is TimeoutException or RedisException or SharedStateUnavailableException)
        {
            _lastError = RedisConfiguration.Redact(e.Message);
            Log.StartedWithout(_log, _store);
        }
    }

    /// <summary>Subscribes to the channels once (the client subscribes again by itself after a reconnection).</summary>
    private Task SubscribeAsync()
    {
        lock (_subscribing)
        {
            if (_subscribed is { IsCompletedSuccessfully: true } or { IsCompleted: false })
            {
                return _subscribed;
            }

            return _subscribed = Subscribe();
        }

        async Task Subscribe()
        {
            var subscriber = _redis.GetSubscriber();
            (await subscriber.SubscribeAsync(Keys.Changes).ConfigureAwait(false)).OnMessage(m => _work.Writer.TryWrite(new Work((string?)m.Message, null)));
            (await subscriber.SubscribeAsync(Keys.Acks).ConfigureAwait(false)).OnMessage(m => OnAcknowledged((string?)m.Message));
            (await subscriber.SubscribeAsync(Keys.Flush).ConfigureAwait(false)).OnMessage(m => _journal.OnFlushRequested((string?)m.Message));
        }
    }

    private void OnAcknowledged(string? message)
    {
        // "c replica version": a change applied; "f replica requester number": a journal queue written for a requester's flush.
        var parts = message?.Split(' ') ?? [];
        if (parts is ["c", var replica, var version] && long.TryParse(version, CultureInfo.InvariantCulture, out var applied))
        {
            Changes.Record(replica, applied);
        }
        else if (parts is ["f", var flushed, var requester, var number] && requester == Id && long.TryParse(number, CultureInfo.InvariantCulture, out var n))
        {
            Flushes.Record(flushed, n);
        }
    }

    /// <summary>Applies changes one at a time, in the order they come; loads the whole state when asked to or when one is missing.</summary>
    private async Task ApplyAsync()
    {
        await foreach (var work in _work.Reader.ReadAllAsync(CancellationToken.None).ConfigureAwait(false))
        {
            try
            {
                if (work.Message is { } message)
                {
                    await ApplyAsync(message).ConfigureAwait(false);
                }
                else
                {
                    await LoadAsync(force: false).ConfigureAwait(false);
                    work.Loaded?.TrySetResult();
                }
            }
            catch (Exception e) when (e is RedisException or SharedStateUnavailableException or TimeoutException)
            {
                // Loaded again when the connection is back (ConnectionRestored).
                _lastError = RedisConfiguration.Redact(e.Message);
                work.Loaded?.TrySetException(e);
            }
        }
    }

    private async Task ApplyAsync(string message)
    {
        var newline = message.IndexOf('\n', StringComparison.Ordinal);
        if (newline < 0 || !long.TryParse(message.AsSpan(0, newline), NumberStyles.None, CultureInfo.InvariantCulture, out var version))
        {
            Log.Unreadable(_log, message[..Math.Min(40, message.Length)]);
            return;
        }

        var applied = _writer.Version;
        if (version <= applied)
        {
            // Loaded with the state already.
            Acknowledge(applied);
            return;
        }

        if (version > applied + 1)
        {
            // A change went by while this replica was not listening: the whole state, then.
            await LoadAsync(force: true).ConfigureAwait(false);
            return;
        }

        var problems = new List<string>();
        if (ChangeCodec.FromJson(message[(newline + 1)..], _writer, problems) is { } change)
        {
            _writer.Apply(change, version);
        }
        else
        {
            // Still counted as applied: every replica skips what it cannot read alike, and the writer is not kept waiting.
            _writer.Apply(new StateChange(StateChangeKind.StubMappings), version);
            Log.Skipped(_log, version, string.Join("; ", problems));
        }

        Acknowledge(version);
    }

    /// <summary>Loads the whole shared state into the view, unless the view is at Redis's version already and nothing was changed alone.</summary>
    private async Task LoadAsync(bool force)
    {
        var stored = (RedisResult[])(await Database.ScriptEvaluateAsync(RedisScripts.Load, [Keys.Version, Keys.State]).ConfigureAwait(false))!;
        var version = long.Parse((string)stored[0]!, CultureInfo.InvariantCulture);
        if (!force && version == _writer.Version && _writer.ChangesAlone == 0)
        {
            Acknowledge(version);
            return;
        }

        var problems = new List<string>();
        var values = stored.Skip(1).Where((_, i) => i % 2 == 1).Select(v => (string)v!);
        _writer.Load(ChangeCodec.FromState(values, _writer, problems), version);
        foreach (var problem in problems)
        {
            Log.Skipped(_log, version, problem);
        }

        Log.Loaded(_log, version, stored.Length / 2);
        Acknowledge(version);
    }

    private async Task HeartbeatAsync()
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(RedisScripts.LiveMilliseconds / 3), Time);
        do
        {
            if (!Connected)
            {
                continue;
            }

            try
            {
                _live = (await BeatAsync(register: true).ConfigureAwait(false)).Length;
                _lastError = null;
            }
            catch (RedisException e)
            {
                _lastError = RedisConfiguration.Redact(e.Message);
            }
        }
        while (await WaitAsync(timer).ConfigureAwait(false));
    }

    private async Task<bool> WaitAsync(PeriodicTimer timer)
    {
        try
        {
            return await timer.WaitForNextTickAsync(_stopping.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>A change message to apply, or (no message) a request to load the whole state, completing <paramref name="Loaded"/> when done.</summary>
    private readonly record struct Work(string? Message, TaskCompletionSource? Loaded);

    private static partial class Log
    {
        [LoggerMessage(EventId = 20, Level = LogLevel.Information, Message = "State shared through {Store}, prefix '{Prefix}', as replica {Replica}; loaded at version {Version}")]
        public static partial void Shared(ILogger logger, string store, string prefix, string replica, long version);

        [LoggerMessage(EventId = 21, Level = LogLevel.Warning, Message = "{Store} cannot be reached: serving from the contract files and defaults; the shared state loads once it is back")]
        public static partial void StartedWithout(ILogger logger, string store);

        [LoggerMessage(EventId = 22, Level = LogLevel.Warning, Message = "{Store} lost ({Reason}): vendor requests are answered from the last known state; admin changes answer 503 until it is back")]
        public static partial void Lost(ILogger logger, string store, string reason);

        [LoggerMessage(EventId = 23, Level = LogLevel.Information, Message = "{Store} is back: loading the shared state")]
        public static partial void Restored(ILogger logger, string store);

        [LoggerMessage(EventId = 24, Level = LogLevel.Information, Message = "Shared state loaded at version {Version} ({Fields} fields)")]
        public static partial void Loaded(ILogger logger, long version, int fields);

        [LoggerMessage(EventId = 25, Level = LogLevel.Warning, Message = "Shared change {Version} not applied here: {Problem}")]
        public static partial void Skipped(ILogger logger, long version, string problem);

        [LoggerMessage(EventId = 26, Level = LogLevel.Warning, Message = "An unreadable message on the changes channel: '{Message}'")]
        public static partial void Unreadable(ILogger logger, string message);
    }
}
