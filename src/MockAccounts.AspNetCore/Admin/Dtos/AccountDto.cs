using System.Text.Json.Nodes;

namespace MockAccounts.AspNetCore.Admin;

/// <summary>What a token receives right now (without advancing a sequence).</summary>
public sealed record AccountDto(
    string Vendor, string Variant, string Token, string Scenario, int Status,
    IReadOnlyDictionary<string, string> Headers, JsonNode? Body, string Variation = "realistic");
