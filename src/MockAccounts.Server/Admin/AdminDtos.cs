using System.Text.Json.Nodes;

namespace MockAccounts.Server.Admin;

// WireMock-compatible shapes (field names as WireMock's admin API spells them).

public sealed record HealthDto(
    string Status, string Message, string Version, long UptimeInSeconds, DateTimeOffset Timestamp,
    ContractHealthDto Contracts, JournalHealthDto Journal, TokenHealthDto Tokens, RequestLogHealthDto RequestLog, MemoryHealthDto Memory);

/// <param name="ReloadErrors">The last failed reload's problems one by one (empty while the last reload succeeded).</param>
public sealed record ContractHealthDto(
    int Vendors, DateTimeOffset LoadedAt, int Reloads, IReadOnlyList<string> RouteConflicts, string? LastReloadError, IReadOnlyList<ContractErrorDto> ReloadErrors);

/// <summary>One problem in one contract file: the file, the JSON pointer in it, and what was expected.</summary>
public sealed record ContractErrorDto(string File, string Pointer, string Message);

public sealed record JournalHealthDto(int Size, int Capacity, long Dropped);

/// <summary>Request log lines dropped because stdout could not keep up (requests never wait for it).</summary>
public sealed record RequestLogHealthDto(bool Enabled, long Dropped);

/// <summary>What the process holds: for watching a long-running mock's memory from outside.</summary>
public sealed record MemoryHealthDto(long WorkingSetBytes, long HeapBytes, long CommittedBytes, int Gen0Collections, int Gen1Collections, int Gen2Collections)
{
    public static MemoryHealthDto Now() => new(
        Environment.WorkingSet, GC.GetTotalMemory(forceFullCollection: false), GC.GetGCMemoryInfo().TotalCommittedBytes,
        GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2));
}

/// <summary>Per-token memory: entries held, the cap, and how many were dropped (least recently used) to keep it.</summary>
public sealed record TokenHealthDto(int Entries, int Capacity, long Evicted);

public sealed record ScenarioDto(string Id, string Name, string State, IReadOnlyList<string> PossibleStates);

/// <summary>WireMock's list of stub mappings.</summary>
public sealed record StubMappingsDto(IReadOnlyList<JsonObject> Mappings, StubMappingsMetaDto Meta);

public sealed record StubMappingsMetaDto(int Total);

/// <summary>WireMock's near miss: a request, the mapping it almost matched, and how far it was.</summary>
public sealed record NearMissDto(LoggedRequestDto Request, JsonObject StubMapping, MatchResultDto MatchResult);

public sealed record MatchResultDto(double Distance);

public sealed record NearMissesDto(IReadOnlyList<NearMissDto> NearMisses);

public sealed record ScenariosDto(IReadOnlyList<ScenarioDto> Scenarios);

public sealed record LoggedRequestDto(
    string Url, string AbsoluteUrl, string Method, string ClientIp, IReadOnlyDictionary<string, string> Headers,
    IReadOnlyDictionary<string, string> Cookies, bool BrowserProxyRequest, long LoggedDate, string LoggedDateString,
    string Body, string BodyAsBase64, string Protocol);

public sealed record LoggedResponseDto(int Status, IReadOnlyDictionary<string, string> Headers, string Body);

public sealed record ResponseDefinitionDto(int Status);

public sealed record TimingDto(double TotalTime, double ServeTime);

/// <summary>Our additions to a serve event: which vendor, variant and scenario answered, for which token.</summary>
public sealed record MockAccountsDto(string? Vendor, string? Variant, string? Scenario, string? Token);

public sealed record ServeEventDto(
    string Id, LoggedRequestDto Request, ResponseDefinitionDto ResponseDefinition, LoggedResponseDto Response,
    bool WasMatched, TimingDto Timing, MockAccountsDto MockAccounts, JsonObject? StubMapping);

public sealed record MetaDto(int Total, long Dropped);

public sealed record ServeEventsDto(IReadOnlyList<ServeEventDto> Requests, MetaDto Meta, bool RequestJournalDisabled);

public sealed record CountDto(int Count);

public sealed record FoundRequestsDto(IReadOnlyList<LoggedRequestDto> Requests);

// Our extensions.

/// <param name="Group">persona (2xx), error (4xx/5xx), fault (delays, broken wire) or sequence.</param>
public sealed record ScenarioInfoDto(string Name, string Description, int Status, bool Sequence, IReadOnlyList<int> Statuses, string Group);

/// <summary>A header the vendor reads its credential from; <c>Scheme</c> is <c>Bearer</c> for <c>Authorization: Bearer</c>.</summary>
/// <param name="Example">A fresh credential of the shape the contract declares (<c>x-mock-credential</c>), so a person or a
/// dashboard can make tokens the vendor accepts; null when the contract declares no shape.</param>
public sealed record CredentialDto(string Header, string? Scheme, string? Example = null);

/// <param name="Differs">For a variant other than the documented one: how it differs from the docs.</param>
/// <param name="Choose">How to serve this variant: at start-up, per token, per request.</param>
public sealed record VariantDto(
    string Name, string Title, IReadOnlyList<string> Endpoints, string DefaultScenario, IReadOnlyList<ScenarioInfoDto> Scenarios,
    string? Differs = null, VariantChoiceDto? Choose = null);

/// <summary>The three ways to pick a variant, spelled out for one vendor.</summary>
public sealed record VariantChoiceDto(string StartUp, string Token, string Request);

/// <summary>A vendor as it serves now: everything a dashboard needs in one call.</summary>
/// <param name="AccountEndpoint">The account call, e.g. <c>GET /v1/accounts/me</c>.</param>
/// <param name="Scenarios">The current variant's scenarios, in catalogue order.</param>
/// <param name="Variation">What the vendor's bodies do by default: <c>realistic</c> or <c>edges</c>.</param>
/// <param name="Notes">What a user should know, e.g. that a variant differs from the docs and how to pick it.</param>
public sealed record VendorSummaryDto(
    string Name, string Title, string Variant, string Scenario, IReadOnlyList<string> Variants, IReadOnlyList<string> Endpoints,
    string DefaultScenario, string AccountEndpoint, IReadOnlyList<CredentialDto> Credentials, IReadOnlyList<ScenarioInfoDto> Scenarios,
    string Variation = "realistic", IReadOnlyList<string>? Notes = null);

public sealed record VendorsDto(IReadOnlyList<VendorSummaryDto> Vendors);

public sealed record VendorDto(string Name, string Title, string Variant, string Scenario, IReadOnlyList<VariantDto> Variants, string Variation = "realistic");

public sealed record TokenBindingDto(string Vendor, string Token, string Scenario);

public sealed record VariantSelectionDto(string Vendor, string Variant);

public sealed record TokenVariantDto(string Vendor, string Token, string Variant);

/// <param name="Token">Null when the variation is the vendor's.</param>
public sealed record VariationSelectionDto(string Vendor, string? Token, string Variation);

/// <summary>What a token receives right now (without advancing a sequence).</summary>
public sealed record AccountDto(
    string Vendor, string Variant, string Token, string Scenario, int Status,
    IReadOnlyDictionary<string, string> Headers, JsonNode? Body, string Variation = "realistic");

/// <summary>WireMock's request pattern as the typed admin client sends it (nulls are left out).</summary>
public sealed record RequestPatternDto(
    string? Method = null, string? Url = null, string? UrlPath = null, string? UrlPattern = null, string? UrlPathPattern = null,
    IReadOnlyDictionary<string, HeaderMatcherDto>? Headers = null);

public sealed record HeaderMatcherDto(string? EqualTo = null, string? Contains = null, string? Matches = null, bool? Absent = null);
