using System.Text.Json.Nodes;

namespace MockAccounts.Core.Generation;

/// <summary>An array holding some of these values, chosen per token.</summary>
/// <param name="Values">The values a subset is drawn from.</param>
public sealed record SubsetHint(IReadOnlyList<JsonNode?> Values) : Hint;
