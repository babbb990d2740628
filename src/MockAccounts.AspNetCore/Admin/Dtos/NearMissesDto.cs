namespace MockAccounts.AspNetCore.Admin;

/// <summary>The body of WireMock's near-miss endpoints.</summary>
/// <param name="NearMisses">The near misses found, each a request and the mapping it came near.</param>
public sealed record NearMissesDto(IReadOnlyList<NearMissDto> NearMisses);
