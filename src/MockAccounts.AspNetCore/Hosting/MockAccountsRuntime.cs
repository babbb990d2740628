using MockAccounts.Core.Generation;
using MockAccounts.Core.Runtime;
using MockAccounts.AspNetCore.Journal;

namespace MockAccounts.AspNetCore.Hosting;

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
        State = new MockState(options.MaxTokens, options.MaxTokenMemoryBytes);
        Pipeline = new MockPipeline(contracts, State, options.Validation, defaults: new ServingDefaults
        {
            Variation = options.Variation,
            Variants = options.Variants,
            CheckCredentialFormats = options.CheckCredentialFormats,
            MatchBudget = options.Mappings.MatchBudget,
            Templates = new Core.Mappings.TemplateLimits(options.Mappings.MaxTemplateChars, options.Mappings.MaxRenderedChars, options.Mappings.MaxRenderTime),
        }, time: time);
        Admin = new MockAdmin(contracts, State, Pipeline);
        Journal = new RequestJournal(options.Journal, () => contracts.CredentialHeaders, () => contracts.CredentialQueryParameters);
        Mappings = new StubMappingAdmin(Pipeline, contracts.Sources, options.Mappings.MaxCount);
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
        var contracts = await ContractStore.LoadAsync(
            options.Sources(), new GenerationOptions(options.Seed, options.Reference()), options.Validation == ValidationMode.Strict, cancellationToken).ConfigureAwait(false);
        var problems = options.Variants
            .Select(p => contracts.Current.Contracts.Find(p.Key) is not { } vendor
                ? $"{MockAccountsOptions.Section}:Variants:{p.Key}: no vendor '{p.Key}' (vendors: {string.Join(", ", contracts.Current.Contracts.Vendors.Keys)})"
                : vendor.Variants.ContainsKey(p.Value) ? null : $"{MockAccountsOptions.Section}:Variants:{p.Key}: '{vendor.Name}' has no variant '{p.Value}' (variants: {string.Join(", ", vendor.Variants.Keys)})")
            .OfType<string>()
            .ToArray();
        if (problems.Length > 0)
        {
            contracts.Dispose();
            throw new MockAccountsOptionsException(problems);
        }

        // The host's own start is mostly one thread: the other core prepares the first response meanwhile.
        _ = Task.Run(contracts.Current.WarmUp, CancellationToken.None);
        return new(options, contracts, time);
    }

    /// <summary>Releases the contract store (its reload lock).</summary>
    public void Dispose() => Contracts.Dispose();
}
