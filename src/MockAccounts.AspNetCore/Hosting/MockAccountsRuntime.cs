using Microsoft.Extensions.Options;
using MockAccounts.Core;
using MockAccounts.Core.Loading;
using MockAccounts.Core.Generation;
using MockAccounts.Core.Runtime;
using MockAccounts.AspNetCore.Journal;

namespace MockAccounts.AspNetCore.Hosting;

/// <summary>
/// Everything a running mock holds, independent of how requests reach it: the contracts, the state, the
/// pipeline over them, the admin use-cases, the journal. A host reaches it through its <see cref="RuntimeSlot"/>.
/// </summary>
internal sealed class MockAccountsRuntime : IDisposable
{
    /// <param name="options">The validated options the contracts were loaded with.</param>
    /// <param name="contracts">The loaded contracts (see <see cref="LoadAsync"/>); the runtime owns them from here.</param>
    /// <param name="time">The clock of scenario delays and templates.</param>
    public MockAccountsRuntime(MockAccountsOptions options, ContractStore contracts, TimeProvider time)
    {
        Options = options;
        Time = time;
        Contracts = contracts;
        State = new MockState(options.MaxTokens);
        Pipeline = new MockPipeline(contracts, State, options.Validation, defaults: new ServingDefaults
        {
            Variation = options.Variation,
            Variants = options.Variants,
            CheckCredentialFormats = options.CheckCredentialFormats,
            Dynamic = options.Dynamic,
        }, time: time);
        Admin = new MockAdmin(contracts, State, Pipeline);
        Journal = new RequestJournal(options.Journal, () => contracts.CredentialHeaders);
        Mappings = new StubMappingAdmin(Pipeline, contracts.Sources);
    }

    /// <summary>The options the runtime was made with.</summary>
    public MockAccountsOptions Options { get; }

    /// <summary>The contracts being served (swapped whole on a hot reload).</summary>
    public ContractStore Contracts { get; }

    /// <summary>Per-vendor and per-token state: scenarios, bindings, sequence positions, account edits.</summary>
    public MockState State { get; }

    /// <summary>Route, authenticate, pick the scenario, generate, validate: one request's way through the core.</summary>
    public MockPipeline Pipeline { get; }

    /// <summary>The admin use-cases over the same contracts and state.</summary>
    public MockAdmin Admin { get; }

    /// <summary>The requests received, for <c>/__admin/requests</c> and the fixture's <c>GetRequests()</c>.</summary>
    public RequestJournal Journal { get; }

    /// <summary>The clock scenario delays wait on (a test's fake clock makes slow scenarios instant).</summary>
    public TimeProvider Time { get; }

    /// <summary>WireMock stub mappings: the admin use-cases over the pipeline's store.</summary>
    public StubMappingAdmin Mappings { get; }

    /// <summary>
    /// Loads and proves the contracts and mapping files, and checks the variants the options choose against them:
    /// the slow part of start-up, which needs only the options and the clock (no host).
    /// </summary>
    /// <exception cref="ContractLoadException">A contract or mapping file is broken (in strict validation, a mapping that breaks its operation's contract too).</exception>
    /// <exception cref="OptionsValidationException">A chosen variant names a vendor or variant the contracts lack.</exception>
    public static async Task<ContractStore> LoadAsync(MockAccountsOptions options, TimeProvider time, CancellationToken cancellationToken)
    {
        var contracts = await ContractStore.LoadAsync(
            options.Sources(), new GenerationOptions(options.Seed, options.Reference()), ProofCache.Default, options.Validation == ValidationMode.Strict, time,
            cancellationToken).ConfigureAwait(false);
        var problems = options.Variants
            .Select(p => contracts.Current.Contracts.Find(p.Key) is not { } vendor
                ? $"{MockAccountsOptions.Section}:Variants:{p.Key}: no vendor '{p.Key}' (vendors: {string.Join(", ", contracts.Current.Contracts.Vendors.Keys)}).{ClosestName.DidYouMean(p.Key, contracts.Current.Contracts.Vendors.Keys)}"
                : vendor.Variants.ContainsKey(p.Value) ? null
                : $"{MockAccountsOptions.Section}:Variants:{p.Key}: '{vendor.Name}' has no variant '{p.Value}' (variants: {string.Join(", ", vendor.Variants.Keys)}).{ClosestName.DidYouMean(p.Value, vendor.Variants.Keys)}")
            .OfType<string>()
            .ToArray();
        if (problems.Length > 0)
        {
            contracts.Dispose();
            throw new OptionsValidationException(Microsoft.Extensions.Options.Options.DefaultName, typeof(MockAccountsOptions), problems);
        }

        // The host's own start is mostly one thread: the other core prepares the first response meanwhile.
        _ = Task.Run(contracts.Current.WarmUp, CancellationToken.None);
        return contracts;
    }

    /// <summary>Releases the contract store (its reload lock).</summary>
    public void Dispose() => Contracts.Dispose();
}
