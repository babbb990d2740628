namespace MockAccounts.AspNetCore.Admin;

/// <summary>How well a request matched a mapping.</summary>
/// <param name="Distance">How far the request was from matching: 0 is an exact match, 1 nothing in common.</param>
public sealed record MatchResultDto(double Distance);
