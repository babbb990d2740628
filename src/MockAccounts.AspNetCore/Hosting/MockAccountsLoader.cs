using Microsoft.Extensions.Options;
using MockAccounts.AspNetCore.Admin;
using MockAccounts.AspNetCore.Http;
using MockAccounts.Core.Runtime;

namespace MockAccounts.AspNetCore.Hosting;

/// <summary>
/// Loads the contracts while the host starts: the load begins when the host starts its services (or earlier,
/// for a host of our own: <see cref="EarlyContractLoad"/>), the server starts listening meanwhile, and the host's
/// start completes once the runtime is in the slot. A load that fails fails the start with its own error
/// (<see cref="Core.Loading.ContractLoadException"/>, or <see cref="OptionsValidationException"/> for a variant
/// the contracts lack); requests held for it end with that error.
/// </summary>
internal sealed class MockAccountsLoader : IHostedLifecycleService, IAsyncDisposable
{
    private readonly MockAccountsOptions _options;
    private readonly TimeProvider _time;
    private readonly RuntimeSlot _slot;
    private readonly MockAccountsMarker _marker;
    private readonly ILogger _log;
    private readonly ILoggerFactory _loggers;
    private readonly StateHealthSource _stateHealth;
    private readonly ISharedStateConnector? _connector;
    private readonly CancellationTokenSource _stopping = new();
    private Task<MockEngine>? _loading;
    private ISharedStateConnection? _shared;
    private int _disposed;

    public MockAccountsLoader(
        IOptions<MockAccountsOptions> options, TimeProvider time, RuntimeSlot slot, MockAccountsMarker marker, ILoggerFactory loggers, StateHealthSource stateHealth,
        ISharedStateConnector? connector = null, EarlyContractLoad? early = null)
    {
        _options = options.Value;
        _time = time;
        _slot = slot;
        _marker = marker;
        _loggers = loggers;
        _stateHealth = stateHealth;
        _connector = connector;
        _log = loggers.CreateLogger("MockAccounts");
        _loading = early?.Loading;
    }

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        // On the thread pool: the host goes on starting (the server binds) on this thread meanwhile.
        _loading ??= Task.Run(() => MockAccountsRuntime.LoadAsync(_options, _time, _stopping.Token), CancellationToken.None);
        return Task.CompletedTask;
    }

    public async Task StartedAsync(CancellationToken cancellationToken)
    {
        try
        {
            if (_marker.EndpointsMapped && !_marker.MiddlewareAdded)
            {
                throw new InvalidOperationException(
                    "MapMockAccounts() maps the admin API, but the vendors are answered by app.UseMockAccounts(), which also holds requests until the contracts are in: add it to the pipeline.");
            }

            var engine = await _loading!.WaitAsync(cancellationToken).ConfigureAwait(false);
            var runtime = new MockAccountsRuntime(_options, engine);
            if (_options.State.Redis is not null)
            {
                // The validator refused Redis without a connector; the shared state is loaded before the first request is let through.
                _shared = await _connector!.ConnectAsync(engine, _options, _loggers, cancellationToken).ConfigureAwait(false);
                runtime.Journal.Share(_shared.Journal, engine.Pipeline.Stubs.Find);
                _stateHealth.Use(_shared.Health);
            }

            _slot.Fill(runtime);
        }
        catch (Exception e)
        {
            // Requests held for the runtime end now, with the load's own error.
            _slot.Fail(e);
            throw;
        }

        LogContracts(_slot.Runtime);
    }

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _stopping.Cancel();
        return Task.CompletedTask;
    }

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Releases the runtime, or a load that never reached the slot (a failed or cancelled start) once it ends.</summary>
    /// <remarks>The container holds the loader twice (as itself and as a hosted service), so it may dispose it twice.</remarks>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        if (_shared is not null)
        {
            await _shared.DisposeAsync().ConfigureAwait(false);
        }

        if (_slot.IsFilled)
        {
            _slot.Runtime.Dispose();
        }
        else if (_loading is { } loading)
        {
            try
            {
                (await loading.ConfigureAwait(false)).Dispose();
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // The start that needed it has reported the failure; observed here so it is not reported again.
            }
        }

        _stopping.Dispose();
    }

    private void LogContracts(MockAccountsRuntime runtime)
    {
        var set = runtime.Contracts.Current.Contracts;
        var vendors = string.Join(", ", set.Vendors.Values.Select(v => $"{v.Name} ({string.Join(", ", v.Variants.Keys)})"));
        var roots = string.Join(", ", _options.Sources().Select(s => s.SchemasRoot));
        var validation = _options.Validation.ToString().ToLowerInvariant();
        Log.ContractsLoaded(_log, set.Vendors.Count, vendors, roots, validation);
        foreach (var vendor in set.Vendors.Values)
        {
            var serving = runtime.Pipeline.VariantOf(vendor);
            foreach (var other in vendor.Variants.Values.Where(v => v != serving && v.Name != Core.Contracts.VendorContract.DocumentedVariant))
            {
                Log.VariantDiffers(_log, vendor.Name, serving.Name, other.Name, other.Summary ?? other.Title);
            }
        }

        if (_options.Variation != Core.Generation.Variation.Realistic)
        {
            Log.EdgeVariation(_log, _options.Variation);
        }

        foreach (var conflict in set.RouteConflicts)
        {
            Log.RouteConflict(_log, conflict);
        }

        // What a contract documents that the mock cannot honour; a long list is cut, the admin API has it whole.
        const int Shown = 20;
        foreach (var variant in set.Vendors.Values.SelectMany(v => v.Variants.Values).Where(v => v.Warnings.Count > 0))
        {
            foreach (var warning in variant.Warnings.Take(Shown))
            {
                Log.ContractWarning(_log, variant.Vendor, warning.ToString());
            }

            if (variant.Warnings.Count > Shown)
            {
                Log.MoreContractWarnings(_log, variant.Vendor, variant.Warnings.Count - Shown);
            }
        }
    }
}
