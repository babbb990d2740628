namespace MockAccounts.AspNetCore.Admin;

/// <summary>The body of a call that picks realistic or edge bodies: <c>{"variation": "edges"}</c>.</summary>
public sealed record VariationRequestDto(string Variation);
