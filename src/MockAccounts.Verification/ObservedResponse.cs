namespace MockAccounts.Verification;

/// <summary>A response as received (or as recorded).</summary>
/// <param name="Status">The status code.</param>
/// <param name="Headers">Response and content headers, one entry per value.</param>
/// <param name="Body">The body's bytes.</param>
/// <param name="Elapsed">How long the request took (zero from a recording).</param>
public sealed record ObservedResponse(int Status, IReadOnlyList<KeyValuePair<string, string>> Headers, byte[] Body, TimeSpan Elapsed)
{
    /// <summary>A header's values joined by <c>", "</c>, or null when absent (names compare case-insensitively).</summary>
    /// <param name="name">The header's name.</param>
    public string? Header(string name)
    {
        var values = Headers.Where(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Select(h => h.Value).ToArray();
        return values.Length == 0 ? null : string.Join(", ", values);
    }

    /// <summary>The <c>Content-Type</c>'s media type, lower case and without parameters; null without one.</summary>
    public string? MediaType => Header("Content-Type") is { } type ? type.Split(';')[0].Trim().ToLowerInvariant() : null;
}
