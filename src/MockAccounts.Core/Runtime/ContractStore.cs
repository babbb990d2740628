using MockAccounts.Core.Generation;
using MockAccounts.Core.Loading;

namespace MockAccounts.Core.Runtime;

/// <summary>
/// The contracts being served. A reload swaps them atomically; a broken reload keeps the last
/// good contracts serving and remembers why it failed.
/// </summary>
public sealed class ContractStore : IDisposable
{
    private readonly SemaphoreSlim _reloading = new(1, 1);
    private readonly IReadOnlyList<ContractSources> _sources;
    private readonly GenerationOptions _options;
    private volatile MockEngine _current;
    private volatile ContractLoadException? _lastError;

    private ContractStore(IReadOnlyList<ContractSources> sources, GenerationOptions options, MockEngine engine)
    {
        _sources = sources;
        _options = options;
        _current = engine;
        LoadedAt = DateTimeOffset.UtcNow;
    }

    public MockEngine Current => _current;

    public IReadOnlyList<ContractSources> Sources => _sources;

    /// <summary>Why the latest reload failed, or null when the served contracts are the latest.</summary>
    public ContractLoadException? LastError => _lastError;

    public DateTimeOffset LoadedAt { get; private set; }

    public int Reloads { get; private set; }

    /// <summary>Loads the contracts; throws <see cref="ContractLoadException"/> when any file is broken.</summary>
    public static async Task<ContractStore> LoadAsync(IReadOnlyList<ContractSources> sources, GenerationOptions options, CancellationToken cancellationToken = default) =>
        new(sources, options, await MockEngine.LoadAsync(sources, options, cancellationToken));

    /// <returns>True when the new contracts are served; false when the last good ones stay.</returns>
    public async Task<bool> ReloadAsync(CancellationToken cancellationToken = default)
    {
        await _reloading.WaitAsync(cancellationToken);
        try
        {
            _current = await MockEngine.LoadAsync(_sources, _options, cancellationToken);
            _lastError = null;
            LoadedAt = DateTimeOffset.UtcNow;
            Reloads++;
            return true;
        }
        catch (ContractLoadException e)
        {
            _lastError = e;
            return false;
        }
        finally
        {
            _reloading.Release();
        }
    }

    public void Dispose() => _reloading.Dispose();
}
