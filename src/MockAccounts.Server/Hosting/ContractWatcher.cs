using System.Threading.Channels;
using MockAccounts.Core.Runtime;

namespace MockAccounts.Server.Hosting;

/// <summary>
/// Hot reload: any change under the contract folders reloads them after a short quiet period.
/// A broken edit keeps the last good contracts serving; the error goes to the log and to health.
/// </summary>
internal sealed class ContractWatcher : BackgroundService
{
    private static readonly TimeSpan Quiet = TimeSpan.FromMilliseconds(300);

    private readonly ContractStore _contracts;
    private readonly ILogger<ContractWatcher> _log;

    public ContractWatcher(ContractStore contracts, ILogger<ContractWatcher> log)
    {
        _contracts = contracts;
        _log = log;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var changes = Channel.CreateBounded<string>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
        var watchers = _contracts.Sources
            .SelectMany(s => new[] { s.SchemasRoot, s.MocksRoot })
            .Where(Directory.Exists)
            .Select(root => Watch(root, changes.Writer))
            .ToList();
        try
        {
            while (await changes.Reader.WaitToReadAsync(stoppingToken))
            {
                await Task.Delay(Quiet, stoppingToken);
                while (changes.Reader.TryRead(out _))
                {
                    // Coalesce a burst of events (editors write, rename and touch) into one reload.
                }

                if (await _contracts.ReloadAsync(stoppingToken))
                {
                    Log.Reloaded(_log, _contracts.Current.Contracts.Vendors.Count);
                }
                else
                {
                    Log.ReloadFailed(_log, _contracts.LastError?.Message);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
        finally
        {
            watchers.ForEach(w => w.Dispose());
        }
    }

    private static FileSystemWatcher Watch(string root, ChannelWriter<string> changes)
    {
        var watcher = new FileSystemWatcher(root)
        {
            IncludeSubdirectories = true,
            NotifyFilter = NotifyFilters.FileName | NotifyFilters.DirectoryName | NotifyFilters.LastWrite | NotifyFilters.Size,
        };
        FileSystemEventHandler changed = (_, e) => changes.TryWrite(e.FullPath);
        watcher.Changed += changed;
        watcher.Created += changed;
        watcher.Deleted += changed;
        watcher.Renamed += (_, e) => changes.TryWrite(e.FullPath);
        watcher.EnableRaisingEvents = true;
        return watcher;
    }
}
