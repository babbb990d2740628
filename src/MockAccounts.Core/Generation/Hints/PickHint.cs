using System.Text.Json.Nodes;

namespace MockAccounts.Core.Generation;

/// <summary>One of these values, chosen per token.</summary>
/// <param name="Values">The values to choose from.</param>
public sealed record PickHint(IReadOnlyList<JsonNode?> Values) : Hint;
