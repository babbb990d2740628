using MockAccounts.Verification.Fixes;

namespace MockAccounts.Verification;

/// <summary>A variant written from a report's suggestions, and proven.</summary>
/// <param name="Name">The variant's name.</param>
/// <param name="OpenApiFile">Its OpenAPI document.</param>
/// <param name="CatalogueFile">Its scenario catalogue.</param>
/// <param name="Applied">The changes made, one per distinct suggestion that could be written.</param>
/// <param name="NotWritten">Drifts whose suggestion cannot be written as a contract change, in words.</param>
public sealed record VariantWritten(string Name, string OpenApiFile, string CatalogueFile, IReadOnlyList<ContractFix> Applied, IReadOnlyList<string> NotWritten);
