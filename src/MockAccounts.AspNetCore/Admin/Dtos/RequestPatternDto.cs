namespace MockAccounts.AspNetCore.Admin;

/// <summary>WireMock's request pattern as the typed admin client sends it (nulls are left out).</summary>
public sealed record RequestPatternDto(
    string? Method = null, string? Url = null, string? UrlPath = null, string? UrlPattern = null, string? UrlPathPattern = null,
    IReadOnlyDictionary<string, HeaderMatcherDto>? Headers = null);
