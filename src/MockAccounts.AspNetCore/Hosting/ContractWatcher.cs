using System.Threading.Channels;
using MockAccounts.AspNetCore.Http;
using MockAccounts.Core.Runtime;

namespace MockAccounts.AspNetCore.Hosting;

/// <summary>
/// Hot reload (<see cref="MockAccountsOptions.HotReload"/>): any change under the contract folders reloads them after a short quiet period.
/// A broken edit keeps the last good contracts serving; the error goes to the log and to health.
/// </summary>
internal sealed class ContractWatcher : HostedLoop
{
    private static readonly TimeSpan Quiet = TimeSpan.FromMilliseconds(300);

    // inotify can lose events or run out of instances; a cheap fingerprint check catches what it misses.
    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(2);

    private readonly MockAccountsOptions _options;
    private readonly RuntimeSlot _slot;
    private readonly ILogger<ContractWatcher> _log;
    private readonly Channel<string> _changes = Channel.CreateBounded<string>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private string[] _roots = [];
    private List<FileSystemWatcher> _watchers = [];
    private int _fingerprint;

    /// <remarks>The contracts may still be loading when the host starts: the folders come from the options.</remarks>
    public ContractWatcher(MockAccountsOptions options, RuntimeSlot slot, ILogger<ContractWatcher> log)
    {
        _options = options;
        _slot = slot;
        _log = log;
    }

    /// <summary>
    /// Watches and takes the first fingerprint here, before start-up completes: an edit made in between would
    /// otherwise be part of the first fingerprint and never seen.
    /// </summary>
    public override Task StartAsync(CancellationToken cancellationToken)
    {
        if (!_options.HotReload)
        {
            return Task.CompletedTask;
        }

        // Every root, made or not: a folder made later (a first mappings/) is noticed by the fingerprint poll.
        _roots = _options.Sources().SelectMany(s => s.Roots()).ToArray();
        _watchers = _roots.Where(Directory.Exists).Select(root => TryWatch(root, _changes.Writer)).OfType<FileSystemWatcher>().ToList();
        _fingerprint = Fingerprint(_roots);
        return base.StartAsync(cancellationToken);
    }

    protected override async Task RunAsync(CancellationToken stoppingToken)
    {
        var (changes, roots, watchers, fingerprint) = (_changes, _roots, _watchers, _fingerprint);
        try
        {
            ContractStore contracts;
            try
            {
                // Changes made meanwhile wait in the channel or show in the fingerprint.
                contracts = (await _slot.Filled.WaitAsync(stoppingToken).ConfigureAwait(false)).Contracts;
            }
            catch (Exception) when (!_slot.IsFilled)
            {
                // The load failed (or the host stops before it ended): start-up reports it; there is nothing to reload.
                return;
            }

            while (!stoppingToken.IsCancellationRequested)
            {
                // The real clock, not the host's: edits happen in the real world, and a test's fake clock must neither hold a
                // reload back nor find the watcher's timers among its own.
                using (var poll = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken))
                {
                    poll.CancelAfter(Poll);
                    try
                    {
                        await changes.Reader.WaitToReadAsync(poll.Token).ConfigureAwait(false);
                    }
                    catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
                    {
                        if (Fingerprint(roots) == fingerprint)
                        {
                            continue;
                        }
                    }
                }

                await Task.Delay(Quiet, stoppingToken).ConfigureAwait(false);
                while (changes.Reader.TryRead(out _))
                {
                    // Coalesce a burst of events (editors write, rename and touch) into one reload.
                }

                fingerprint = Fingerprint(roots);
                if (await contracts.ReloadAsync(stoppingToken).ConfigureAwait(false))
                {
                    Log.Reloaded(_log, contracts.Current.Contracts.Vendors.Count);
                }
                else
                {
                    Log.ReloadFailed(_log, contracts.LastError?.Message);
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

    /// <summary>Every contract file's path, size and time, hashed: changes when anything is edited, added or removed.</summary>
    private static int Fingerprint(string[] roots)
    {
        var hash = new HashCode();
        foreach (var file in roots.Where(Directory.Exists).SelectMany(r => Directory.EnumerateFiles(r, "*", SearchOption.AllDirectories)).Order(StringComparer.Ordinal))
        {
            var info = new FileInfo(file);
            hash.Add(file);
            hash.Add(info.Exists ? info.Length : -1);
            hash.Add(info.Exists ? info.LastWriteTimeUtc.Ticks : 0);
        }

        return hash.ToHashCode();
    }

    /// <returns>The watcher, or null when the system will not give one (polling still works).</returns>
    private static FileSystemWatcher? TryWatch(string root, ChannelWriter<string> changes)
    {
        try
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
            watcher.Error += (_, _) => changes.TryWrite(root);
            watcher.EnableRaisingEvents = true;
            return watcher;
        }
        catch (IOException)
        {
            return null;
        }
    }
}
