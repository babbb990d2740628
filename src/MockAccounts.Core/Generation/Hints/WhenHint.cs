using System.Text.Json.Nodes;

namespace MockAccounts.Core.Generation;

/// <summary><c>Then</c>/<c>Else</c> of null mean "generate from the schema".</summary>
public sealed record WhenHint(string Pointer, IReadOnlyList<JsonNode?> Values, Hint? Then, Hint? Else) : Hint;
