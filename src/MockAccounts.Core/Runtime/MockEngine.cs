using MockAccounts.Core.Generation;
using MockAccounts.Core.Loading;

namespace MockAccounts.Core.Runtime;

/// <summary>
/// A loaded mock, whatever carries its requests: the contracts, the per-vendor and per-token state, the
/// pipeline that answers and the admin use-cases beside it. Our Kestrel host, the fixture and a WireMock.Net
/// server each wrap one.
/// </summary>
public sealed class MockEngine : IDisposable
{
    private MockEngine(MockEngineOptions options, ContractStore contracts, TimeProvider time)
    {
        Options = options;
        Time = time;
        Contracts = contracts;
        State = new MockState(options.MaxTokens, options.MaxTokenMemoryBytes);
        Pipeline = new MockPipeline(contracts, State, options.Validation, defaults: options.Defaults(), time: time);
        Admin = new MockAdmin(contracts, State, Pipeline);
        StartedAt = time.GetUtcNow();
    }

    /// <summary>When the engine was made (its contracts loaded), on its clock: what uptime counts from.</summary>
    public DateTimeOffset StartedAt { get; }

    /// <summary>The options the engine was made with.</summary>
    public MockEngineOptions Options { get; }

    /// <summary>The contracts being served (swapped whole on a reload).</summary>
    public ContractStore Contracts { get; }

    /// <summary>Per-vendor and per-token state: scenarios, bindings, sequence positions, account edits.</summary>
    public MockState State { get; }

    /// <summary>Route, authenticate, pick the scenario, generate, validate: one request's way through the core.</summary>
    public MockPipeline Pipeline { get; }

    /// <summary>The admin use-cases over the same contracts and state.</summary>
    public MockAdmin Admin { get; }

    /// <summary>Where every change to the state goes: applied at once, or shared with other replicas (<see cref="StateWriter.Share"/>).</summary>
    public StateWriter Writer => Pipeline.Writer;

    /// <summary>The clock of delays and templates.</summary>
    public TimeProvider Time { get; }

    /// <summary>Loads the contracts and mapping files and checks the options against them.</summary>
    /// <param name="options">Where the contracts are and how to serve them (already checked with <see cref="MockEngineOptions.Problems"/>).</param>
    /// <param name="time">The clock of delays and templates.</param>
    /// <param name="proofs">Where proofs of earlier loads are remembered; null: nowhere.</param>
    /// <param name="cancellationToken">Stops a load that takes too long.</param>
    /// <exception cref="ContractLoadException">A contract is broken; the message names file, JSON pointer and expectation.</exception>
    /// <exception cref="MockOptionsException">A chosen variant names a vendor or variant the contracts lack.</exception>
    public static async Task<MockEngine> LoadAsync(MockEngineOptions options, TimeProvider time, ProofCache? proofs, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var contracts = await ContractStore.LoadAsync(
            options.Sources(), new GenerationOptions(options.Seed, options.Reference(time)), proofs, options.Validation == ValidationMode.Strict, time,
            cancellationToken).ConfigureAwait(false);
        if (options.ProblemsWith(contracts.Current.Contracts) is { Count: > 0 } problems)
        {
            contracts.Dispose();
            throw new MockOptionsException(problems);
        }

        // A host's own start is mostly one thread: the other core prepares the first response meanwhile.
        _ = Task.Run(contracts.Current.WarmUp, CancellationToken.None);
        return new MockEngine(options, contracts, time);
    }

    /// <summary>Releases the contract store (its reload lock).</summary>
    public void Dispose() => Contracts.Dispose();
}
