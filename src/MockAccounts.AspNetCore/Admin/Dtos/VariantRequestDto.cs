namespace MockAccounts.AspNetCore.Admin;

/// <summary>The body of a call that picks a variant: <c>{"variant": "v2.7.0"}</c>.</summary>
public sealed record VariantRequestDto(string Variant);
