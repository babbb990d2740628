using System.Text.Json.Nodes;

namespace MockAccounts.AspNetCore.Admin;

/// <summary>WireMock's near miss: a request, the mapping it almost matched, and how far it was.</summary>
public sealed record NearMissDto(LoggedRequestDto Request, JsonObject StubMapping, MatchResultDto MatchResult);
