using System.Text;
using System.Threading.Channels;

namespace MockAccounts.Server.Hosting;

/// <summary>
/// One stdout line per vendor request, written off the request path: lines queue in a bounded
/// channel and a background writer flushes them in batches. A request never waits for the console;
/// if the console cannot keep up, lines are dropped and counted (health: requestLog.dropped).
/// </summary>
public sealed class RequestLog : BackgroundService
{
    private const int QueueCapacity = 20_000;

    private readonly Channel<string> _lines = Channel.CreateBounded<string>(
        new BoundedChannelOptions(QueueCapacity) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });

    private readonly bool _enabled;
    private long _dropped;

    public RequestLog(MockAccountsOptions options) => _enabled = options.RequestLog;

    public long Dropped => Interlocked.Read(ref _dropped);

    public void Write(string method, string? path, string protocol, int status, string vendor, string scenario, double elapsedMs)
    {
        if (_enabled && !_lines.Writer.TryWrite($"{DateTime.UtcNow:HH:mm:ss} {method} {path} {protocol} -> {status} {vendor}/{scenario} {elapsedMs:F1} ms"))
        {
            Interlocked.Increment(ref _dropped);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new StringBuilder();
        try
        {
            while (await _lines.Reader.WaitToReadAsync(stoppingToken))
            {
                while (batch.Length < 64 * 1024 && _lines.Reader.TryRead(out var line))
                {
                    batch.Append(line).Append('\n');
                }

                await Console.Out.WriteAsync(batch.ToString());
                batch.Clear();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: what is queued is written below.
        }

        while (_lines.Reader.TryRead(out var rest))
        {
            batch.Append(rest).Append('\n');
        }

        await Console.Out.WriteAsync(batch.ToString());
    }
}
