using System.Text.Json.Nodes;

namespace MockAccounts.Core.Contracts;

/// <summary>What an action operation does: JSON-pointer assignments, or a merge of the request body.</summary>
public sealed record ActionSpec(
    int Status,
    IReadOnlyDictionary<string, JsonNode?> Set,
    string? MergeBodyAt,
    bool RespondWithAccount);
