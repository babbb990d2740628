using System.Globalization;
using System.Text;
using System.Threading.Channels;
using MockAccounts.AspNetCore.Http;

namespace MockAccounts.AspNetCore.Journal;

/// <summary>
/// One stdout line per vendor request, written off the request path: the request queues the line's
/// parts (no text is formatted on the request path) and a background writer formats and flushes them
/// in batches. A request never waits for the console; if the console cannot keep up, lines are
/// dropped and counted (health: requestLog.dropped). Given a logger (a mounted mock's, an in-process
/// test's; category <see cref="MockAccountsOptions.RequestLogCategory"/>), the lines go there instead, one
/// log entry each, still off the request path.
/// </summary>
internal sealed class RequestLog : HostedLoop
{
    private const int QueueCapacity = 20_000;
    private const int BatchChars = 64 * 1024;

    // Unbounded so that writers never take the channel's lock; the queue is bounded by the count below.
    private readonly Channel<Line> _lines = Channel.CreateUnbounded<Line>(new UnboundedChannelOptions { SingleReader = true });
    private readonly bool _enabled;
    private readonly ILogger? _logger;
    private readonly TimeProvider _time;
    private int _queued;
    private long _dropped;

    /// <param name="options">Whether the log is on (<see cref="MockAccountsOptions.RequestLog"/>).</param>
    /// <param name="logger">Where the lines go instead of stdout; null: stdout.</param>
    /// <param name="time">The clock lines are dated by; default: the system's.</param>
    public RequestLog(MockAccountsOptions options, ILogger? logger = null, TimeProvider? time = null)
    {
        _enabled = options.RequestLog;
        _logger = logger;
        _time = time ?? TimeProvider.System;
    }

    /// <summary>Lines dropped because the output could not keep up.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>Queues one request's line; never waits for the output.</summary>
    /// <param name="method">The request method.</param>
    /// <param name="path">The request path.</param>
    /// <param name="protocol">The HTTP version.</param>
    /// <param name="outcome">What the client received, who answered, and why that scenario.</param>
    public void Write(string method, string? path, string protocol, in Journal.RequestOutcome outcome)
    {
        if (!_enabled)
        {
            return;
        }

        var line = new Line(_time.GetUtcNow().UtcDateTime, method, path, protocol, outcome.Status, outcome.Vendor ?? "-", outcome.Scenario ?? "-",
            outcome.ScenarioSource, outcome.Outcome, outcome.Fault, outcome.ElapsedMs);
        if (Interlocked.Increment(ref _queued) > QueueCapacity || !_lines.Writer.TryWrite(line))
        {
            Interlocked.Decrement(ref _queued);
            Interlocked.Increment(ref _dropped);
        }
    }

    /// <inheritdoc />
    protected override async Task RunAsync(CancellationToken stoppingToken)
    {
        var batch = new StringBuilder();
        try
        {
            while (await _lines.Reader.WaitToReadAsync(stoppingToken).ConfigureAwait(false))
            {
                if (_logger is not null)
                {
                    DrainTo(_logger);
                    continue;
                }

                Drain(batch, BatchChars);
                await Console.Out.WriteAsync(batch, stoppingToken).ConfigureAwait(false);
                batch.Clear();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: what is queued is written below.
        }

        if (_logger is not null)
        {
            DrainTo(_logger);
            return;
        }

        Drain(batch, int.MaxValue);
        await Console.Out.WriteAsync(batch, CancellationToken.None).ConfigureAwait(false);
    }

    private void DrainTo(ILogger logger)
    {
        while (_lines.Reader.TryRead(out var line))
        {
            Interlocked.Decrement(ref _queued);
            Log.RequestServed(logger, line.Method, line.Path, line.Protocol, line.Status, line.Vendor, line.Scenario, line.Why, line.ElapsedMs);
        }
    }

    private void Drain(StringBuilder batch, int limit)
    {
        while (batch.Length < limit && _lines.Reader.TryRead(out var line))
        {
            Interlocked.Decrement(ref _queued);
            line.AppendTo(batch);
        }
    }

    /// <remarks>Holds the outcome's parts, not text: a line is formatted by the writer, off the request path.</remarks>
    private readonly record struct Line(
        DateTime At, string Method, string? Path, string Protocol, int Status, string Vendor, string Scenario,
        string? Source, string Ending, string? Fault, double ElapsedMs)
    {
        /// <summary>Why the scenario answered and how the request ended, when either is worth a word: <c>(token-binding)</c>, <c>(default; fault connection-reset)</c>.</summary>
        public string Why
        {
            get
            {
                var ending = Ending == Journal.Outcomes.Sent ? null : Fault is { } fault ? $"fault {fault}" : Ending;
                return (Source, ending) switch
                {
                    (null, null) => "",
                    ({ } source, null) => $"({source})",
                    (null, { } end) => $"({end})",
                    ({ } source, { } end) => $"({source}; {end})",
                };
            }
        }

        public void AppendTo(StringBuilder text) => text.Append(CultureInfo.InvariantCulture, $"{At:HH:mm:ss} {Method} {Path} {Protocol} -> {Status} {Vendor}/{Scenario} {Why} {ElapsedMs:F1} ms\n");
    }
}
