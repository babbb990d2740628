using System.Text.Json.Nodes;

namespace MockAccounts.AspNetCore.Admin;

/// <summary>WireMock's list of stub mappings.</summary>
public sealed record StubMappingsDto(IReadOnlyList<JsonObject> Mappings, StubMappingsMetaDto Meta);
