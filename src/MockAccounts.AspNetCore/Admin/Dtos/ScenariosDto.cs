namespace MockAccounts.AspNetCore.Admin;

/// <summary>The body of <c>GET /__admin/scenarios</c>.</summary>
/// <param name="Scenarios">Every vendor's and every stub mapping's scenario.</param>
public sealed record ScenariosDto(IReadOnlyList<ScenarioDto> Scenarios);
