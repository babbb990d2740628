namespace MockAccounts.Core.Runtime;

/// <summary>The path is a vendor operation's, but not for this method: <paramref name="Allowed"/> are the documented ones.</summary>
public sealed record MethodNotAllowed(IReadOnlyList<string> Allowed) : PipelineResult;
