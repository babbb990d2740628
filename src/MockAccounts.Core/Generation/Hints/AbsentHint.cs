using System.Text.Json.Nodes;

namespace MockAccounts.Core.Generation;

/// <summary>The property is left out of the body (for fields "present only when …").</summary>
public sealed record AbsentHint : Hint;
