using Microsoft.Extensions.Options;
using MockAccounts.Core.Loading;
using MockAccounts.Core.Runtime;
using MockAccounts.AspNetCore.Journal;

namespace MockAccounts.AspNetCore.Hosting;

/// <summary>
/// Everything a running mock holds, independent of how requests reach it: Core's engine (contracts, state,
/// pipeline, admin use-cases) and, beside it, what only this host has: the journal and the stub-mapping admin.
/// A host reaches it through its <see cref="RuntimeSlot"/>.
/// </summary>
internal sealed class MockAccountsRuntime : IDisposable
{
    /// <param name="options">The validated options the engine was loaded with.</param>
    /// <param name="engine">The loaded engine (see <see cref="LoadAsync"/>); the runtime owns it from here.</param>
    public MockAccountsRuntime(MockAccountsOptions options, MockEngine engine)
    {
        Options = options;
        Engine = engine;
        Journal = new RequestJournal(options.Journal, () => engine.Contracts.CredentialHeaders, () => engine.Contracts.CredentialQueryParameters, engine.Time);
        Mappings = new StubMappingAdmin(engine.Pipeline, engine.Contracts.Sources, options.Mappings.MaxCount);
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

    /// <summary>
    /// Loads and proves the contracts and mapping files, and checks the variants the options choose against them:
    /// the slow part of start-up, which needs only the options and the clock (no host).
    /// </summary>
    /// <exception cref="ContractLoadException">A contract or mapping file is broken (in strict validation, a mapping that breaks its operation's contract too).</exception>
    /// <exception cref="OptionsValidationException">A chosen variant names a vendor or variant the contracts lack.</exception>
    public static async Task<MockEngine> LoadAsync(MockAccountsOptions options, TimeProvider time, CancellationToken cancellationToken)
    {
        try
        {
            return await MockEngine.LoadAsync(options, time, ProofCache.Default, cancellationToken).ConfigureAwait(false);
        }
        catch (MockOptionsException e)
        {
            throw new OptionsValidationException(Microsoft.Extensions.Options.Options.DefaultName, typeof(MockAccountsOptions), e.Problems);
        }
    }

    /// <summary>Releases the engine (its contract store's reload lock).</summary>
    public void Dispose() => Engine.Dispose();
}
