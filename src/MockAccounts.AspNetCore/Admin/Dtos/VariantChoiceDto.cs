namespace MockAccounts.AspNetCore.Admin;

/// <summary>The three ways to pick a variant, spelled out for one vendor.</summary>
public sealed record VariantChoiceDto(string StartUp, string Token, string Request);
