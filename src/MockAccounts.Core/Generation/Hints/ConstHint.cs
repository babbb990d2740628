using System.Text.Json.Nodes;

namespace MockAccounts.Core.Generation;

/// <summary>Always this value.</summary>
/// <param name="Value">The value to use.</param>
public sealed record ConstHint(JsonNode? Value) : Hint;
