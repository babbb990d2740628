namespace MockAccounts.Core.Mappings;

/// <summary>A mapping that almost matched a request: 0 is a match, 1 is nothing alike.</summary>
public sealed record NearMiss(StubMapping Mapping, double Distance);
