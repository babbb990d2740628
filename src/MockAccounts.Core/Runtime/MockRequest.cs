namespace MockAccounts.Core.Runtime;

/// <summary>An incoming call as the core sees it: no HTTP types, headers looked up by name.</summary>
public sealed record MockRequest(string Method, string Path, Func<string, string?> Header, ReadOnlyMemory<byte> Body);
