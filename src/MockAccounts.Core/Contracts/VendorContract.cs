using MockAccounts.Core.Scenarios;

namespace MockAccounts.Core.Contracts;

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
