using MockAccounts.Core.Generation;
using MockAccounts.Core.Runtime;
using MockAccounts.Server.Journal;

namespace MockAccounts.Server.Hosting;

/// <summary>
/// Everything a running mock holds, independent of how requests reach it: the same runtime can
/// sit behind Kestrel and behind an in-memory test server at once.
/// </summary>
public sealed class MockAccountsRuntime : IDisposable
{
    private MockAccountsRuntime(MockAccountsOptions options, ContractStore contracts, TimeProvider time)
    {
        Options = options;
        Time = time;
        Contracts = contracts;
        State = new MockState(options.MaxTokens);
        Pipeline = new MockPipeline(contracts, State, options.Validation);
        Journal = new RequestJournal(options.Journal);
    }

    public MockAccountsOptions Options { get; }

    public ContractStore Contracts { get; }

    public MockState State { get; }

    public MockPipeline Pipeline { get; }

    public RequestJournal Journal { get; }

    /// <summary>The clock scenario delays wait on (a test's fake clock makes slow scenarios instant).</summary>
    public TimeProvider Time { get; }

    /// <summary>Loads the contracts; throws <see cref="Core.Loading.ContractLoadException"/> when any is broken.</summary>
    public static Task<MockAccountsRuntime> CreateAsync(MockAccountsOptions options, CancellationToken cancellationToken = default) =>
        CreateAsync(options, TimeProvider.System, cancellationToken);

    /// <inheritdoc cref="CreateAsync(MockAccountsOptions, CancellationToken)"/>
    public static async Task<MockAccountsRuntime> CreateAsync(MockAccountsOptions options, TimeProvider time, CancellationToken cancellationToken = default) =>
        new(options, await ContractStore.LoadAsync(options.Sources(), new GenerationOptions(options.Seed, options.Reference()), cancellationToken).ConfigureAwait(false), time);

    public void Dispose() => Contracts.Dispose();
}
