namespace MockAccounts.AspNetCore.Admin;

/// <summary>A vendor as it serves now: everything a dashboard needs in one call.</summary>
/// <param name="Name">The vendor's name, as in <c>/__admin/vendors/{vendor}</c>.</param>
/// <param name="Title">Its human-readable title.</param>
/// <param name="Variant">The variant served now.</param>
/// <param name="Scenario">The vendor's current scenario.</param>
/// <param name="Variants">Every variant's name.</param>
/// <param name="Endpoints">The current variant's operations as <c>METHOD /path</c>, each also under the <c>/{vendor}</c> prefix.</param>
/// <param name="DefaultScenario">The scenario the current variant serves when none is chosen.</param>
/// <param name="AccountEndpoint">The account call, e.g. <c>GET /v1/accounts/me</c>.</param>
/// <param name="Credentials">The headers the current variant reads credentials from.</param>
/// <param name="Scenarios">The current variant's scenarios, in catalogue order.</param>
/// <param name="Variation">What the vendor's bodies do by default: <c>realistic</c> or <c>edges</c>.</param>
/// <param name="Notes">What a user should know, e.g. that a variant differs from the docs and how to pick it.</param>
public sealed record VendorSummaryDto(
    string Name, string Title, string Variant, string Scenario, IReadOnlyList<string> Variants, IReadOnlyList<string> Endpoints,
    string DefaultScenario, string AccountEndpoint, IReadOnlyList<CredentialDto> Credentials, IReadOnlyList<ScenarioInfoDto> Scenarios,
    string Variation = "realistic", IReadOnlyList<string>? Notes = null);
