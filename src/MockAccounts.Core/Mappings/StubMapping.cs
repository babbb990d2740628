using System.Text.Json.Nodes;

namespace MockAccounts.Core.Mappings;

/// <summary>
/// One WireMock stub mapping: when a request matches <see cref="Request"/> (and its scenario is in the
/// required state), <see cref="Response"/> answers. <see cref="Json"/> is the mapping as the admin API shows it.
/// </summary>
public sealed record StubMapping(
    Guid Id,
    string? Name,
    int Priority,
    RequestMatcher Request,
    StubResponse Response,
    string? ScenarioName,
    string? RequiredScenarioState,
    string? NewScenarioState,
    JsonObject? Metadata,
    bool Persistent,
    JsonObject Json)
{
    /// <summary>WireMock's priority when none is given; lower numbers win.</summary>
    public const int DefaultPriority = 5;

    /// <summary>The file it was loaded from, or null when it came through the admin API.</summary>
    public string? SourceFile { get; init; }

    /// <summary>Later mappings win among equal priorities.</summary>
    public long InsertionIndex { get; init; }
}
