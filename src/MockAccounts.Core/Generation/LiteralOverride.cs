using System.Text.Json.Nodes;

namespace MockAccounts.Core.Generation;

/// <summary>The field is exactly this value.</summary>
/// <param name="Value">The value, used as is.</param>
public sealed record LiteralOverride(JsonNode? Value) : OverrideNode;
