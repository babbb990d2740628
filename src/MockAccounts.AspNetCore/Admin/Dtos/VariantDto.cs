namespace MockAccounts.AspNetCore.Admin;

/// <summary>One variant of a vendor's contract.</summary>
/// <param name="Name">The variant's name.</param>
/// <param name="Title">Its human-readable title.</param>
/// <param name="Endpoints">Its operations as <c>METHOD /path</c>, each also under the <c>/{vendor}</c> prefix.</param>
/// <param name="DefaultScenario">The scenario served when none is chosen.</param>
/// <param name="Scenarios">Its scenarios, in catalogue order.</param>
/// <param name="Differs">For a variant other than the documented one: how it differs from the docs.</param>
/// <param name="Choose">How to serve this variant: at start-up, per token, per request.</param>
public sealed record VariantDto(
    string Name, string Title, IReadOnlyList<string> Endpoints, string DefaultScenario, IReadOnlyList<ScenarioInfoDto> Scenarios,
    string? Differs = null, VariantChoiceDto? Choose = null)
{
    /// <summary>How the contract is written: <c>dialect</c> (ours, with hints and a catalogue) or <c>published</c> (a vendor's OpenAPI as it is).</summary>
    public string Format { get; init; } = "dialect";

    /// <summary>What the contract documents that the mock cannot honour, each with its file and JSON pointer (found when it loaded).</summary>
    public IReadOnlyList<ContractErrorDto> Warnings { get; init; } = [];
}
