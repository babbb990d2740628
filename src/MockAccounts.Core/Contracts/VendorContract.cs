using MockAccounts.Core.Scenarios;

namespace MockAccounts.Core.Contracts;

/// <summary>One contract of a vendor (documented, or observed behaviour) with its scenarios.</summary>
public sealed record VariantContract(
    string Vendor,
    string Name,
    string Title,
    string OpenApiFile,
    string OpenApiJson,
    string CatalogueFile,
    IReadOnlyList<OperationContract> Operations,
    ScenarioCatalogue Catalogue)
{
    /// <summary>The OpenAPI <c>info.summary</c>: for a further variant, how it differs from the documented one.</summary>
    public string? Summary { get; init; }

    /// <summary>The variant's account operation, the one scenarios answer.</summary>
    public OperationContract Account => Operations.Single(o => o.Role == OperationRole.Account);

    /// <summary>The operation with exactly this method and path template, or null.</summary>
    /// <param name="method">The HTTP method, upper case.</param>
    /// <param name="path">The path template as the contract writes it.</param>
    public OperationContract? FindOperation(string method, string path) =>
        Operations.FirstOrDefault(o => o.Method == method && o.Path == path);
}

/// <summary>A vendor: a folder in <c>schemas/</c> and <c>mocks/</c>, with one or more variants.</summary>
public sealed record VendorContract(string Name, IReadOnlyDictionary<string, VariantContract> Variants)
{
    /// <summary>The name of the variant built from the vendor's published contract, served unless another is chosen.</summary>
    public const string DocumentedVariant = "documented";

    /// <summary>The variant built from the vendor's published contract.</summary>
    public VariantContract Documented => Variants[DocumentedVariant];

    /// <summary>The vendor's display name, from its documented contract's title.</summary>
    public string Title => Documented.Title;
}
