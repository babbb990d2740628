namespace MockAccounts.Core.Runtime;

/// <summary>An incoming call as the core sees it: no HTTP types, headers looked up by name.</summary>
/// <param name="Query">The raw query string with its leading <c>?</c>, or empty.</param>
public sealed record MockRequest(string Method, string Path, Func<string, string?> Header, ReadOnlyMemory<byte> Body, string Query = "");
