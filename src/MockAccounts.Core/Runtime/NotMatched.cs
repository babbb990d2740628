namespace MockAccounts.Core.Runtime;

/// <summary>No vendor operation has this method and path.</summary>
public sealed record NotMatched : PipelineResult;
