namespace MockAccounts.AspNetCore.Admin;

/// <summary>The <c>meta</c> of a stub mapping list.</summary>
/// <param name="Total">How many mappings are listed.</param>
public sealed record StubMappingsMetaDto(int Total);
