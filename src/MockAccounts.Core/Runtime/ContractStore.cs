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
    private readonly ProofCache? _proofs;
    private readonly TimeProvider _time;
    private readonly bool _refuseStubViolations;
    private volatile ContractSnapshot _current;
    private volatile ContractLoadException? _lastError;
    private volatile IReadOnlySet<string> _credentialHeaders;
    private volatile IReadOnlySet<string> _credentialQueryParameters;

    private ContractStore(IReadOnlyList<ContractSources> sources, GenerationOptions options, ProofCache? proofs, TimeProvider time, ContractSnapshot snapshot, bool refuseStubViolations)
    {
        _sources = sources;
        _options = options;
        _proofs = proofs;
        _time = time;
        _refuseStubViolations = refuseStubViolations;
        _current = snapshot;
        _credentialHeaders = snapshot.Contracts.CredentialHeaders;
        _credentialQueryParameters = snapshot.Contracts.CredentialQueryParameters;
        LoadedAt = time.GetUtcNow();
    }

    /// <summary>The snapshot of the contracts being served now (the last good load).</summary>
    public ContractSnapshot Current => _current;

    /// <summary>
    /// Every header that carried a credential under any contracts served since start: a reload adds
    /// its vendors' headers and never drops one, so requests recorded before it stay redacted.
    /// </summary>
    public IReadOnlySet<string> CredentialHeaders => _credentialHeaders;

    /// <summary>Every query parameter that carried a credential under any contracts served since start (a reload only adds).</summary>
    public IReadOnlySet<string> CredentialQueryParameters => _credentialQueryParameters;

    /// <summary>The contract roots loaded, and reloaded from.</summary>
    public IReadOnlyList<ContractSources> Sources => _sources;

    /// <summary>Why the latest reload failed, or null when the served contracts are the latest.</summary>
    public ContractLoadException? LastError => _lastError;

    /// <summary>When the served contracts were last reloaded successfully (UTC).</summary>
    public DateTimeOffset LoadedAt { get; private set; }

    /// <summary>Successful reloads since start-up.</summary>
    public int Reloads { get; private set; }

    /// <summary>Loads the contracts; throws <see cref="ContractLoadException"/> when any file is broken.</summary>
    public static Task<ContractStore> LoadAsync(IReadOnlyList<ContractSources> sources, GenerationOptions options, CancellationToken cancellationToken) =>
        LoadAsync(sources, options, proofs: null, refuseStubViolations: false, time: null, cancellationToken);

    /// <summary>Loads the contracts; throws <see cref="ContractLoadException"/> when any file is broken.</summary>
    /// <param name="sources">The contract roots; a vendor in a later root replaces one of the same name.</param>
    /// <param name="options">The seed and reference time of generated bodies.</param>
    /// <param name="proofs">Where proofs of earlier loads (and reloads) are remembered; null: nowhere.</param>
    /// <param name="refuseStubViolations">Strict validation: a mapping file that breaks an operation's contract is a broken file.</param>
    /// <param name="time">The clock of <see cref="LoadedAt"/>; default: the system's.</param>
    /// <param name="cancellationToken">Cancels the load.</param>
    public static async Task<ContractStore> LoadAsync(
        IReadOnlyList<ContractSources> sources, GenerationOptions options, ProofCache? proofs = null, bool refuseStubViolations = false, TimeProvider? time = null,
        CancellationToken cancellationToken = default) =>
        new(sources, options, proofs, time ?? TimeProvider.System, await LoadSnapshotAsync(sources, options, proofs, refuseStubViolations, cancellationToken), refuseStubViolations);

    /// <returns>True when the new contracts are served; false when the last good ones stay.</returns>
    public async Task<bool> ReloadAsync(CancellationToken cancellationToken = default)
    {
        await _reloading.WaitAsync(cancellationToken);
        try
        {
            var loaded = await LoadSnapshotAsync(_sources, _options, _proofs, _refuseStubViolations, cancellationToken);
            _credentialHeaders = _credentialHeaders.Union(loaded.Contracts.CredentialHeaders).ToHashSet(StringComparer.OrdinalIgnoreCase);
            _credentialQueryParameters = _credentialQueryParameters.Union(loaded.Contracts.CredentialQueryParameters).ToHashSet(StringComparer.Ordinal);
            _current = loaded;
            _lastError = null;
            LoadedAt = _time.GetUtcNow();
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

    private static async Task<ContractSnapshot> LoadSnapshotAsync(
        IReadOnlyList<ContractSources> sources, GenerationOptions options, ProofCache? proofs, bool refuseStubViolations, CancellationToken cancellationToken)
    {
        var snapshot = await ContractSnapshot.LoadAsync(sources, options, proofs, cancellationToken);
        var violations = refuseStubViolations ? snapshot.StubViolations() : [];
        return violations.Count > 0 ? throw new ContractLoadException(violations) : snapshot;
    }

    /// <summary>Releases the lock that keeps reloads one at a time.</summary>
    public void Dispose() => _reloading.Dispose();
}
