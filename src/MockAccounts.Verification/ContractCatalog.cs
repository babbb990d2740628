using MockAccounts.Core.Contracts;
using MockAccounts.Core.Generation;
using MockAccounts.Core.Loading;
using MockAccounts.Core.Routing;
using MockAccounts.Verification.Contracts;

namespace MockAccounts.Verification;

/// <summary>Contract folders loaded and proven as the server loads them, with each vendor's folder and files.</summary>
public sealed class ContractCatalog
{
    private const string VariantsFolder = "variants";
    private const string OpenApiFile = "openapi.json";

    private ContractCatalog(ContractSet contracts, IReadOnlyList<string> roots)
    {
        Contracts = contracts;
        Roots = roots;
    }

    /// <summary>Every vendor that loaded.</summary>
    public ContractSet Contracts { get; }

    /// <summary>The folders, in load order (a vendor in a later one replaces one of the same name).</summary>
    public IReadOnlyList<string> Roots { get; }

    /// <summary>Loads and proves <paramref name="roots"/> as the server's start-up does.</summary>
    /// <param name="roots">Folders holding <c>schemas/</c> and <c>mocks/</c>.</param>
    /// <param name="options">Generation options for the proof; default: today's, with the default seed.</param>
    /// <param name="cancellationToken">Cancels the load.</param>
    /// <exception cref="ContractLoadException">A contract is broken (file, pointer and reason for each problem).</exception>
    public static async Task<ContractCatalog> LoadAsync(IReadOnlyList<string> roots, GenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        var full = roots.Select(Path.GetFullPath).ToArray();
        var set = await ContractLoader.LoadAsync(full.Select(ContractSources.Under).ToArray(), options ?? GenerationOptions.StartingToday(), proofs: null, cancellationToken).ConfigureAwait(false);
        return new ContractCatalog(set, full);
    }

    /// <summary>The variant of a vendor to hold it to.</summary>
    /// <param name="vendor">The vendor's name.</param>
    /// <param name="variant">The variant's name.</param>
    /// <exception cref="UsageException">No such vendor or variant (the message lists those there are).</exception>
    public VerificationTarget Target(string vendor, string variant = VendorContract.DocumentedVariant)
    {
        var found = Contracts.Find(vendor) ?? throw new UsageException($"unknown vendor '{vendor}' (vendors: {string.Join(", ", Contracts.Vendors.Keys.Order(StringComparer.Ordinal))})");
        if (!found.Variants.TryGetValue(variant, out var contract))
        {
            throw new UsageException($"vendor '{vendor}' has no variant '{variant}' (variants: {string.Join(", ", found.Variants.Keys)})");
        }

        var root = RootOf(vendor);
        var file = VariantFile(root, vendor, variant);
        return new VerificationTarget(vendor, variant, contract, ContractDocument.Parse(contract.OpenApiJson, file), root);
    }

    /// <summary>The folder a vendor was loaded from: the last one holding its contract.</summary>
    /// <param name="vendor">The vendor's name.</param>
    public string RootOf(string vendor) =>
        Roots.LastOrDefault(r => File.Exists(Path.Combine(r, "schemas", vendor, OpenApiFile)))
        ?? throw new UsageException($"unknown vendor '{vendor}'");

    /// <summary>Where a variant's OpenAPI document is: <c>schemas/&lt;vendor&gt;/openapi.json</c>, or under <c>variants/&lt;variant&gt;/</c>.</summary>
    /// <param name="root">The contract folder.</param>
    /// <param name="vendor">The vendor.</param>
    /// <param name="variant">The variant.</param>
    public static string VariantFile(string root, string vendor, string variant) =>
        variant == VendorContract.DocumentedVariant
            ? Path.Combine(root, "schemas", vendor, OpenApiFile)
            : Path.Combine(root, "schemas", vendor, VariantsFolder, variant, OpenApiFile);

    /// <summary>Where a variant's scenario catalogue is.</summary>
    /// <param name="root">The contract folder.</param>
    /// <param name="vendor">The vendor.</param>
    /// <param name="variant">The variant.</param>
    public static string CatalogueFile(string root, string vendor, string variant) =>
        variant == VendorContract.DocumentedVariant
            ? Path.Combine(root, "mocks", vendor, "scenarios.json")
            : Path.Combine(root, "mocks", vendor, VariantsFolder, variant, "scenarios.json");
}
