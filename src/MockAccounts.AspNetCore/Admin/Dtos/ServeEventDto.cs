using System.Text.Json.Nodes;

namespace MockAccounts.AspNetCore.Admin;

/// <summary>WireMock's serve event: one journal entry, request and response.</summary>
/// <param name="Id">The entry's identifier, for <c>/__admin/requests/{id}</c>.</param>
/// <param name="Request">The request received.</param>
/// <param name="ResponseDefinition">The response's definition (its status).</param>
/// <param name="Response">The response sent.</param>
/// <param name="WasMatched">Whether a vendor operation or a stub mapping answered the request.</param>
/// <param name="Timing">How long it took.</param>
/// <param name="MockAccounts">Which vendor, variant, scenario and token answered.</param>
/// <param name="StubMapping">The stub mapping that answered, if one did.</param>
public sealed record ServeEventDto(
    string Id, LoggedRequestDto Request, ResponseDefinitionDto ResponseDefinition, LoggedResponseDto Response,
    bool WasMatched, TimingDto Timing, MockAccountsDto MockAccounts, JsonObject? StubMapping);
