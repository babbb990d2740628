using System.Text.Json.Nodes;

namespace MockAccounts.Server.Admin;

// WireMock-compatible shapes (field names as WireMock's admin API spells them).

/// <summary>The body of <c>GET /__admin/health</c>: WireMock's health fields plus the mock's own gauges.</summary>
/// <param name="Status"><c>healthy</c>, or <c>degraded</c> while the last contract reload has failed.</param>
/// <param name="Message">A sentence saying the same as <c>status</c>.</param>
/// <param name="Version">The server assembly's version.</param>
/// <param name="UptimeInSeconds">Whole seconds since the server started.</param>
/// <param name="Timestamp">When the health was read (UTC).</param>
/// <param name="Contracts">The contracts loaded and how their reloads went.</param>
/// <param name="Journal">How full the request journal is.</param>
/// <param name="Tokens">How much per-token memory is held.</param>
/// <param name="RequestLog">Whether the stdout request log is on, and lines it dropped.</param>
/// <param name="Memory">The process's memory and GC counts.</param>
public sealed record HealthDto(
    string Status, string Message, string Version, long UptimeInSeconds, DateTimeOffset Timestamp,
    ContractHealthDto Contracts, JournalHealthDto Journal, TokenHealthDto Tokens, RequestLogHealthDto RequestLog, MemoryHealthDto Memory);

/// <summary>The contracts part of the health: what is loaded and how the reloads went.</summary>
/// <param name="Vendors">How many vendors the loaded contracts hold.</param>
/// <param name="LoadedAt">When the contracts now served were loaded.</param>
/// <param name="Reloads">How many times the contracts have been reloaded.</param>
/// <param name="RouteConflicts">Routes that more than one operation claims, one description each.</param>
/// <param name="LastReloadError">The last failed reload's message; null while the last reload succeeded.</param>
/// <param name="ReloadErrors">The last failed reload's problems one by one (empty while the last reload succeeded).</param>
public sealed record ContractHealthDto(
    int Vendors, DateTimeOffset LoadedAt, int Reloads, IReadOnlyList<string> RouteConflicts, string? LastReloadError, IReadOnlyList<ContractErrorDto> ReloadErrors);

/// <summary>One problem in one contract file: the file, the JSON pointer in it, and what was expected.</summary>
public sealed record ContractErrorDto(string File, string Pointer, string Message);

/// <summary>The journal part of the health.</summary>
/// <param name="Size">Requests the journal holds now.</param>
/// <param name="Capacity">The most requests it holds (0: the journal is off).</param>
/// <param name="Dropped">Requests not recorded because the journal was full.</param>
public sealed record JournalHealthDto(int Size, int Capacity, long Dropped);

/// <summary>Request log lines dropped because stdout could not keep up (requests never wait for it).</summary>
public sealed record RequestLogHealthDto(bool Enabled, long Dropped);

/// <summary>What the process holds: for watching a long-running mock's memory from outside.</summary>
public sealed record MemoryHealthDto(long WorkingSetBytes, long HeapBytes, long CommittedBytes, int Gen0Collections, int Gen1Collections, int Gen2Collections)
{
    /// <summary>The current process's figures, read without forcing a collection.</summary>
    public static MemoryHealthDto Now() => new(
        Environment.WorkingSet, GC.GetTotalMemory(forceFullCollection: false), GC.GetGCMemoryInfo().TotalCommittedBytes,
        GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2));
}

/// <summary>Per-token memory: entries held, the cap, and how many were dropped (least recently used) to keep it.</summary>
public sealed record TokenHealthDto(int Entries, int Capacity, long Evicted);

/// <summary>A WireMock scenario: each vendor (its current scenario) and each stub-mapping scenario.</summary>
/// <param name="Id">The scenario's identifier: the vendor's or stub scenario's name.</param>
/// <param name="Name">The scenario's name (the same as <c>id</c>).</param>
/// <param name="State">The current state: the vendor's scenario, or the stub scenario's state.</param>
/// <param name="PossibleStates">Every state it can be set to.</param>
public sealed record ScenarioDto(string Id, string Name, string State, IReadOnlyList<string> PossibleStates);

/// <summary>WireMock's list of stub mappings.</summary>
public sealed record StubMappingsDto(IReadOnlyList<JsonObject> Mappings, StubMappingsMetaDto Meta);

/// <summary>The <c>meta</c> of a stub mapping list.</summary>
/// <param name="Total">How many mappings are listed.</param>
public sealed record StubMappingsMetaDto(int Total);

/// <summary>WireMock's near miss: a request, the mapping it almost matched, and how far it was.</summary>
public sealed record NearMissDto(LoggedRequestDto Request, JsonObject StubMapping, MatchResultDto MatchResult);

/// <summary>How well a request matched a mapping.</summary>
/// <param name="Distance">How far the request was from matching: 0 is an exact match, 1 nothing in common.</param>
public sealed record MatchResultDto(double Distance);

/// <summary>The body of WireMock's near-miss endpoints.</summary>
/// <param name="NearMisses">The near misses found, each a request and the mapping it came near.</param>
public sealed record NearMissesDto(IReadOnlyList<NearMissDto> NearMisses);

/// <summary>The body of <c>GET /__admin/scenarios</c>.</summary>
/// <param name="Scenarios">Every vendor's and every stub mapping's scenario.</param>
public sealed record ScenariosDto(IReadOnlyList<ScenarioDto> Scenarios);

/// <summary>WireMock's logged request: one request as the journal recorded it.</summary>
/// <param name="Url">The path and query string.</param>
/// <param name="AbsoluteUrl">The full URL, scheme and host included.</param>
/// <param name="Method">The HTTP method.</param>
/// <param name="ClientIp">The caller's address.</param>
/// <param name="Headers">The request headers (credentials redacted unless kept); repeated headers joined with <c>, </c>.</param>
/// <param name="Cookies">Always empty: cookies are not parsed.</param>
/// <param name="BrowserProxyRequest">Always false: the mock is not a proxy.</param>
/// <param name="LoggedDate">When the request was recorded, in Unix milliseconds.</param>
/// <param name="LoggedDateString">The same instant as ISO 8601 UTC (<c>yyyy-MM-ddTHH:mm:ss.fffZ</c>).</param>
/// <param name="Body">The request body as text.</param>
/// <param name="BodyAsBase64">The request body's UTF-8 bytes in base64.</param>
/// <param name="Protocol">The HTTP protocol, e.g. <c>HTTP/1.1</c>.</param>
public sealed record LoggedRequestDto(
    string Url, string AbsoluteUrl, string Method, string ClientIp, IReadOnlyDictionary<string, string> Headers,
    IReadOnlyDictionary<string, string> Cookies, bool BrowserProxyRequest, long LoggedDate, string LoggedDateString,
    string Body, string BodyAsBase64, string Protocol);

/// <summary>The response a serve event sent.</summary>
/// <param name="Status">The HTTP status code.</param>
/// <param name="Headers">The response headers; repeated headers joined with <c>, </c>.</param>
/// <param name="Body">The response body, cut to the journal's body limit.</param>
public sealed record LoggedResponseDto(int Status, IReadOnlyDictionary<string, string> Headers, string Body);

/// <summary>WireMock's response definition, reduced to what the journal knows.</summary>
/// <param name="Status">The HTTP status code sent.</param>
public sealed record ResponseDefinitionDto(int Status);

/// <summary>How long a request took to serve.</summary>
/// <param name="TotalTime">Milliseconds from receiving the request to answering it.</param>
/// <param name="ServeTime">The same figure (WireMock splits it; the mock does not).</param>
public sealed record TimingDto(double TotalTime, double ServeTime);

/// <summary>Our additions to a serve event: which vendor, variant and scenario answered, for which token.</summary>
public sealed record MockAccountsDto(string? Vendor, string? Variant, string? Scenario, string? Token);

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

/// <summary>The <c>meta</c> of the request list.</summary>
/// <param name="Total">Requests the journal holds.</param>
/// <param name="Dropped">Requests not recorded because the journal was full.</param>
public sealed record MetaDto(int Total, long Dropped);

/// <summary>The body of <c>GET /__admin/requests</c>.</summary>
/// <param name="Requests">The serve events.</param>
/// <param name="Meta">Totals for the journal.</param>
/// <param name="RequestJournalDisabled">True when the journal is off (capacity 0).</param>
public sealed record ServeEventsDto(IReadOnlyList<ServeEventDto> Requests, MetaDto Meta, bool RequestJournalDisabled);

/// <summary>The body of <c>POST /__admin/requests/count</c>.</summary>
/// <param name="Count">How many journal entries match the pattern.</param>
public sealed record CountDto(int Count);

/// <summary>Requests found in (or removed from) the journal.</summary>
/// <param name="Requests">The matching requests.</param>
public sealed record FoundRequestsDto(IReadOnlyList<LoggedRequestDto> Requests);

// Our extensions.

/// <summary>One scenario of a vendor variant's catalogue.</summary>
/// <param name="Name">The scenario's name, as bound to a vendor or token.</param>
/// <param name="Description">What the scenario serves.</param>
/// <param name="Status">The HTTP status it answers with (a sequence's first step).</param>
/// <param name="Sequence">Whether successive calls walk through its steps (several steps, or one repeated).</param>
/// <param name="Statuses">Each step's HTTP status, in order.</param>
/// <param name="Group">persona (2xx), error (4xx/5xx), fault (delays, broken wire) or sequence.</param>
public sealed record ScenarioInfoDto(string Name, string Description, int Status, bool Sequence, IReadOnlyList<int> Statuses, string Group);

/// <summary>A header the vendor reads its credential from; <c>Scheme</c> is <c>Bearer</c> for <c>Authorization: Bearer</c>.</summary>
/// <param name="Header">The header's name, e.g. <c>Authorization</c> or <c>X-API-Key</c>.</param>
/// <param name="Scheme"><c>Bearer</c> when the header carries <c>Bearer &lt;token&gt;</c>; null when it carries the credential alone.</param>
/// <param name="Example">A fresh credential of the shape the contract declares (<c>x-mock-credential</c>), so a person or a
/// dashboard can make tokens the vendor accepts; null when the contract declares no shape.</param>
public sealed record CredentialDto(string Header, string? Scheme, string? Example = null);

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
    string? Differs = null, VariantChoiceDto? Choose = null);

/// <summary>The three ways to pick a variant, spelled out for one vendor.</summary>
public sealed record VariantChoiceDto(string StartUp, string Token, string Request);

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

/// <summary>The body of <c>GET /__admin/vendors</c>.</summary>
/// <param name="Vendors">Every vendor, as it serves now.</param>
public sealed record VendorsDto(IReadOnlyList<VendorSummaryDto> Vendors);

/// <summary>The body of <c>GET /__admin/vendors/{vendor}</c>: one vendor and all its variants.</summary>
/// <param name="Name">The vendor's name.</param>
/// <param name="Title">Its human-readable title.</param>
/// <param name="Variant">The variant served now.</param>
/// <param name="Scenario">The vendor's current scenario.</param>
/// <param name="Variants">Every variant, in full.</param>
/// <param name="Variation">What the vendor's bodies do by default: <c>realistic</c> or <c>edges</c>.</param>
public sealed record VendorDto(string Name, string Title, string Variant, string Scenario, IReadOnlyList<VariantDto> Variants, string Variation = "realistic");

/// <summary>A scenario bound to one token.</summary>
/// <param name="Vendor">The vendor's name.</param>
/// <param name="Token">The token bound.</param>
/// <param name="Scenario">The scenario the token now gets.</param>
public sealed record TokenBindingDto(string Vendor, string Token, string Scenario);

/// <summary>The variant a vendor now serves.</summary>
/// <param name="Vendor">The vendor's name.</param>
/// <param name="Variant">The variant chosen.</param>
public sealed record VariantSelectionDto(string Vendor, string Variant);

/// <summary>The variant one token is now served.</summary>
/// <param name="Vendor">The vendor's name.</param>
/// <param name="Token">The token.</param>
/// <param name="Variant">The variant chosen for it.</param>
public sealed record TokenVariantDto(string Vendor, string Token, string Variant);

/// <summary>The variation (<c>realistic</c> or <c>edges</c> bodies) now set for a vendor or one token.</summary>
/// <param name="Vendor">The vendor's name.</param>
/// <param name="Token">Null when the variation is the vendor's.</param>
/// <param name="Variation">The variation set: <c>realistic</c> or <c>edges</c>.</param>
public sealed record VariationSelectionDto(string Vendor, string? Token, string Variation);

/// <summary>What a token receives right now (without advancing a sequence).</summary>
public sealed record AccountDto(
    string Vendor, string Variant, string Token, string Scenario, int Status,
    IReadOnlyDictionary<string, string> Headers, JsonNode? Body, string Variation = "realistic");

/// <summary>WireMock's request pattern as the typed admin client sends it (nulls are left out).</summary>
public sealed record RequestPatternDto(
    string? Method = null, string? Url = null, string? UrlPath = null, string? UrlPattern = null, string? UrlPathPattern = null,
    IReadOnlyDictionary<string, HeaderMatcherDto>? Headers = null);

/// <summary>WireMock's header matcher; set one of its fields.</summary>
/// <param name="EqualTo">The header's value must equal this.</param>
/// <param name="Contains">The header's value must contain this.</param>
/// <param name="Matches">The header's value must match this regular expression.</param>
/// <param name="Absent">True: the header must be missing.</param>
public sealed record HeaderMatcherDto(string? EqualTo = null, string? Contains = null, string? Matches = null, bool? Absent = null);

/// <summary>The body of a call that picks a scenario: <c>{"scenario": "quota-reached"}</c>.</summary>
public sealed record ScenarioRequestDto(string Scenario);

/// <summary>The body of WireMock's scenario-state call: <c>{"state": "quota-reached"}</c>; no body resets the scenario.</summary>
public sealed record StateRequestDto(string State);

/// <summary>The body of a call that picks a variant: <c>{"variant": "v2.7.0"}</c>.</summary>
public sealed record VariantRequestDto(string Variant);

/// <summary>The body of a call that picks realistic or edge bodies: <c>{"variation": "edges"}</c>.</summary>
public sealed record VariationRequestDto(string Variation);
