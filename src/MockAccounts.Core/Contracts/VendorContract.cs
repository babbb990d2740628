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

    public OperationContract Account => Operations.Single(o => o.Role == OperationRole.Account);

    public OperationContract? FindOperation(string method, string path) =>
        Operations.FirstOrDefault(o => o.Method == method && o.Path == path);
}

/// <summary>A vendor: a folder in <c>schemas/</c> and <c>mocks/</c>, with one or more variants.</summary>
public sealed record VendorContract(string Name, IReadOnlyDictionary<string, VariantContract> Variants)
{
    public const string DocumentedVariant = "documented";

    public VariantContract Documented => Variants[DocumentedVariant];

    public string Title => Documented.Title;
}
