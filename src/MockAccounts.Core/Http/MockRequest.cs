namespace MockAccounts.Core.Http;

/// <summary>An incoming call as the core sees it: no HTTP types, headers looked up by name.</summary>
/// <param name="Query">The raw query string with its leading <c>?</c>, or empty.</param>
/// <param name="Method">The HTTP method, upper case.</param>
/// <param name="Path">The path without the query string.</param>
/// <param name="Header">Looks a header up by name (case-insensitive), null when absent.</param>
/// <param name="Body">The raw request body.</param>
public sealed record MockRequest(string Method, string Path, Func<string, string?> Header, ReadOnlyMemory<byte> Body, string Query = "")
{
    /// <summary>Cancelled when the client goes away: matching and rendering stop then.</summary>
    public CancellationToken Aborted { get; init; }
}
