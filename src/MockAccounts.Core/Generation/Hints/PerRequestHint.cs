using System.Text.Json.Nodes;

namespace MockAccounts.Core.Generation;

/// <summary><c>Hint</c> drawn afresh for every request (a request id), not once per token.</summary>
public sealed record PerRequestHint(Hint Hint) : Hint;
