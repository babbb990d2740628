namespace MockAccounts.AspNetCore;

/// <summary>
/// A loop that runs from the host's start until its stop, as a <see cref="BackgroundService"/> would, but
/// started by <see cref="StartAsync"/> itself: since .NET 10 a BackgroundService's loop is queued to the thread
/// pool, and when the host fails to start (an address in use) and is disposed before the queued loop ran, the host
/// logs the cancelled loop as a critical failure, a stack trace before the one line that says what went wrong.
/// </summary>
internal abstract class HostedLoop : IHostedService, IDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private Task? _loop;

    /// <summary>Starts the loop; it runs on the caller's thread to its first wait, which each loop reaches at once.</summary>
    /// <param name="cancellationToken">Start-up being abandoned.</param>
    public virtual Task StartAsync(CancellationToken cancellationToken)
    {
        _loop = RunAsync(_stopping.Token);
        return Task.CompletedTask;
    }

    /// <summary>Asks the loop to end and waits for it, or until <paramref name="cancellationToken"/> says stopping must not wait any longer.</summary>
    /// <param name="cancellationToken">The host's shutdown timeout.</param>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_loop is null)
        {
            return;
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        await Task.WhenAny(_loop, Task.Delay(Timeout.Infinite, cancellationToken)).ConfigureAwait(false);
    }

    /// <summary>Ends the loop if it still runs. The source is only cancelled, never disposed: the container disposes a service registered twice (as itself and as a hosted service) twice, and a source without a timer holds nothing to release.</summary>
    public void Dispose() => _stopping.Cancel();

    /// <summary>The loop: runs until <paramref name="stopping"/> is cancelled.</summary>
    /// <param name="stopping">Cancelled when the host stops.</param>
    protected abstract Task RunAsync(CancellationToken stopping);
}
