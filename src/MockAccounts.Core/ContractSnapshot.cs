using MockAccounts.Core.Contracts;
using MockAccounts.Core.Generation;
using MockAccounts.Core.Http;
using MockAccounts.Core.Loading;
using MockAccounts.Core.Mappings;
using MockAccounts.Core.Responses;
using MockAccounts.Core.Routing;
using MockAccounts.Core.Validation;

namespace MockAccounts.Core;

/// <summary>
/// One load of the contracts, immutable: what vendor V sends to token T in scenario S, and whether a
/// response keeps its contract. A reload makes a new snapshot; requests in flight keep the one they read.
/// </summary>
public sealed class ContractSnapshot
{
    private const string WarmUpToken = "mockaccounts-warm-up";

    private ContractSnapshot(ContractSet contracts, GenerationOptions options, IReadOnlyList<StubMapping> stubMappings)
    {
        Contracts = contracts;
        Responses = new ResponseFactory(new BodyGenerator(options));
        StubMappings = stubMappings;
    }

    /// <summary>Every loaded vendor and the routes to its operations.</summary>
    public ContractSet Contracts { get; }

    /// <summary>The WireMock stub mappings from the contract folders' <c>mappings/</c>.</summary>
    public IReadOnlyList<StubMapping> StubMappings { get; }

    /// <summary>Where mapping files break the contracts of the operations they answer (checked against documented variants).</summary>
    public IReadOnlyList<ContractError> StubViolations() =>
        StubMappings.SelectMany(m => StubContractCheck.Check(Contracts, m, vendor => vendor.Documented)
            .Select(problem => new ContractError(m.SourceFile ?? m.Id.ToString(), "response", problem))).ToArray();

    /// <summary>Builds the responses of operations for a token and scenario step.</summary>
    public ResponseFactory Responses { get; }

    /// <summary>Loads one contract root; throws <see cref="ContractLoadException"/> when any file is broken.</summary>
    /// <param name="sources">Where the contracts, catalogues and mappings are.</param>
    /// <param name="options">The seed and reference time of generated bodies.</param>
    /// <param name="cancellationToken">Cancels the load.</param>
    public static Task<ContractSnapshot> LoadAsync(ContractSources sources, GenerationOptions options, CancellationToken cancellationToken = default) =>
        LoadAsync([sources], options, proofs: null, cancellationToken);

    /// <summary>Loads several roots; a vendor in a later root replaces the one of the same name before it.</summary>
    /// <param name="sources">Where the contracts, catalogues and mappings are, in load order.</param>
    /// <param name="options">The seed and reference time of generated bodies.</param>
    /// <param name="proofs">Where proofs of earlier loads are remembered; null: nowhere, every variant is proven.</param>
    /// <param name="cancellationToken">Cancels the load.</param>
    public static async Task<ContractSnapshot> LoadAsync(
        IReadOnlyList<ContractSources> sources, GenerationOptions options, ProofCache? proofs = null, CancellationToken cancellationToken = default)
    {
        var contracts = await ContractLoader.LoadAsync(sources, options, proofs, cancellationToken);
        var errors = new List<ContractError>();
        var stubs = await StubMappingFiles.LoadAsync(sources, errors, cancellationToken);
        return errors.Count > 0 ? throw new ContractLoadException(errors) : new ContractSnapshot(contracts, options, stubs);
    }

    /// <summary>One contract of a vendor; throws <see cref="ArgumentException"/> naming the known ones when either name is unknown.</summary>
    /// <param name="vendor">The vendor name.</param>
    /// <param name="variant">The variant name; by default the documented one.</param>
    public VariantContract Variant(string vendor, string variant = VendorContract.DocumentedVariant)
    {
        var found = Contracts.Find(vendor)
            ?? throw new ArgumentException($"unknown vendor '{vendor}' (known: {string.Join(", ", Contracts.Vendors.Keys)}).{ClosestName.DidYouMean(vendor, Contracts.Vendors.Keys)}", nameof(vendor));
        return found.Variants.GetValueOrDefault(variant)
            ?? throw new ArgumentException($"vendor '{vendor}' has no variant '{variant}' (known: {string.Join(", ", found.Variants.Keys)}).{ClosestName.DidYouMean(variant, found.Variants.Keys)}", nameof(variant));
    }

    /// <summary>The account response for <paramref name="token"/> in <paramref name="scenario"/>, at a step of a sequence.</summary>
    public MockResponse Respond(string vendor, string variant, string token, string scenario, long requestIndex = 0)
    {
        var contract = Variant(vendor, variant);
        var found = contract.Catalogue.Find(scenario)
            ?? throw new ArgumentException($"vendor '{vendor}' has no scenario '{scenario}' (known: {string.Join(", ", contract.Catalogue.Names)})", nameof(scenario));
        return Responses.Produce(contract, contract.Account, contract.Account.StepFor(found, found.StepAt(requestIndex)), token);
    }

    /// <summary>
    /// Generates and checks every vendor's default and missing-credentials answers once, for no one: the
    /// generator's locale data and the serving path's code are then loaded before the first request needs them.
    /// </summary>
    /// <remarks>Touches no state; meant for an idle core while the host starts.</remarks>
    public void WarmUp()
    {
        foreach (var contract in Contracts.Vendors.Values.Select(v => v.Documented))
        {
            foreach (var scenario in new[] { contract.Catalogue.Default, contract.Catalogue.MissingCredentials }.OfType<Scenarios.Scenario>())
            {
                var step = contract.Account.StepFor(scenario, scenario.StepAt(0));
                _ = ResponseValidator.Validate(contract.Account, Responses.Produce(contract, contract.Account, step, WarmUpToken));
            }
        }
    }
}
