namespace MockAccounts.Core.Runtime;

/// <summary>What the pipeline decided for one request; the host writes it to the wire.</summary>
public abstract record PipelineResult;
