using MockAccounts.Core.Loading;
using MockAccounts.Core.Runtime;
using MockAccounts.AspNetCore.Journal;

namespace MockAccounts.AspNetCore.Hosting;

/// <summary>
/// Everything a running mock holds, independent of how requests reach it: the same runtime can
/// sit behind Kestrel and behind an in-memory test server at once.
/// </summary>
public sealed class MockAccountsRuntime : IDisposable
{
    private MockAccountsRuntime(MockAccountsOptions options, MockEngine engine)
    {
        Options = options;
        Engine = engine;
        Journal = new RequestJournal(options.Journal, () => engine.Contracts.CredentialHeaders);
        Mappings = new StubMappingAdmin(engine.Pipeline, engine.Contracts.Sources);
    }

    /// <summary>The options the runtime was made with.</summary>
    public MockAccountsOptions Options { get; }

    /// <summary>The contracts, state, pipeline and admin use-cases this runtime serves; any host of Core could hold the same.</summary>
    public MockEngine Engine { get; }

    /// <summary>The contracts being served (swapped whole on a hot reload).</summary>
    public ContractStore Contracts => Engine.Contracts;

    /// <summary>Per-vendor and per-token state: scenarios, bindings, sequence positions, account edits.</summary>
    public MockState State => Engine.State;

    /// <summary>Route, authenticate, pick the scenario, generate, validate: one request's way through the core.</summary>
    public MockPipeline Pipeline => Engine.Pipeline;

    /// <summary>The admin use-cases over the same contracts and state.</summary>
    public MockAdmin Admin => Engine.Admin;

    /// <summary>The requests received, for <c>/__admin/requests</c> and the fixture's <c>GetRequests()</c>.</summary>
    public RequestJournal Journal { get; }

    /// <summary>The clock scenario delays wait on (a test's fake clock makes slow scenarios instant).</summary>
    public TimeProvider Time => Engine.Time;

    /// <summary>WireMock stub mappings: the admin use-cases over the pipeline's store.</summary>
    public StubMappingAdmin Mappings { get; }

    // Two overloads with an optional token each: already the fixture's and the tool's calls; RS0026 asks for one.
#pragma warning disable RS0026
    /// <summary>Loads the contracts and mapping files; throws <see cref="Core.Loading.ContractLoadException"/> when any is broken (in strict validation, a mapping that breaks its operation's contract too).</summary>
    public static Task<MockAccountsRuntime> CreateAsync(MockAccountsOptions options, CancellationToken cancellationToken = default) =>
        CreateAsync(options, TimeProvider.System, cancellationToken);

    /// <inheritdoc cref="CreateAsync(MockAccountsOptions, CancellationToken)"/>
    /// <exception cref="MockAccountsOptionsException">A chosen variant names a vendor or variant the contracts lack.</exception>
    public static async Task<MockAccountsRuntime> CreateAsync(MockAccountsOptions options, TimeProvider time, CancellationToken cancellationToken = default)
#pragma warning restore RS0026
    {
        try
        {
            return new(options, await MockEngine.LoadAsync(options, time, ProofCache.Default, cancellationToken).ConfigureAwait(false));
        }
        catch (MockOptionsException e)
        {
            throw new MockAccountsOptionsException(e.Problems);
        }
    }

    /// <summary>Releases the contract store (its reload lock).</summary>
    public void Dispose() => Engine.Dispose();
}
