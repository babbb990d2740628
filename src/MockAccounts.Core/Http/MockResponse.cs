namespace MockAccounts.Core.Http;

/// <summary>What a vendor sends: status, headers and the exact body bytes.</summary>
public sealed record MockResponse(int Status, IReadOnlyList<KeyValuePair<string, string>> Headers, byte[] Body)
{
    /// <summary>The first value of a header (case-insensitive name), or null.</summary>
    /// <param name="name">The header name.</param>
    public string? Header(string name) =>
        Headers.FirstOrDefault(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Value;
}
