using Microsoft.AspNetCore.Http.HttpResults;
using System.Globalization;
using System.Reflection;
using System.Text.Json.Nodes;
using MockAccounts.Core.Mappings;
using MockAccounts.Core.Runtime;
using MockAccounts.Server.Hosting;
using MockAccounts.Server.Journal;

namespace MockAccounts.Server.Admin;

/// <summary>
/// The part of WireMock's admin API a contract mock can honour, with WireMock's paths and JSON:
/// health, scenarios (one per vendor, its states the vendor's scenarios, beside the stub mappings'
/// scenarios), the request journal, reset. Stub mappings have their own endpoints.
/// </summary>
internal static class WireMockEndpoints
{
    private static readonly string Version =
        typeof(WireMockEndpoints).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";

    private static readonly DateTimeOffset Started = DateTimeOffset.UtcNow;

    /// <returns>The key-protected part of the admin API, for further admin routes.</returns>
    public static RouteGroupBuilder MapWireMockAdmin(this RouteGroupBuilder open)
    {
        open.MapGet("/health", Health).WithSummary("Status, version, contract reload state (last error with file and pointer), journal and token counts, memory; never needs the admin key");
        var admin = open.MapGroup("").AddEndpointFilter<AdminKeyFilter>().WithMetadata(new AdminKeyRequiredMetadata());
        admin.MapGet("/scenarios", Scenarios).WithSummary("WireMock scenarios: one per vendor, its states the vendor's scenarios, then the stub mappings' scenarios");
        admin.MapPut("/scenarios/{vendor}/state", SetScenarioStateAsync).WithMetadata(new AdminRequestBody(typeof(StateRequestDto), IsOptional: true)).WithSummary("Switch a vendor's (or a stub scenario's) state: {\"state\": \"<scenario>\"}; no body resets it");
        admin.MapPost("/scenarios/reset", (MockState state, MockPipeline pipeline) =>
        {
            state.ResetScenarios();
            pipeline.Stubs.ResetScenarios();
            return TypedResults.Ok();
        }).WithSummary("Every vendor back to its default scenario, every stub scenario back to Started");
        admin.MapGet("/requests", Requests).Produces<ServeEventsDto>().WithSummary("The journal, newest first (?limit=, ?since=)");
        admin.MapDelete("/requests", (RequestJournal journal) =>
        {
            journal.Clear();
            return TypedResults.Ok();
        }).WithSummary("Clear the journal");
        admin.MapPost("/requests/reset", (RequestJournal journal) =>
        {
            journal.Clear();
            return TypedResults.Ok();
        }).WithSummary("Clear the journal (WireMock's older form)");
        admin.MapGet("/requests/unmatched", (RequestJournal journal) =>
            TypedResults.Ok(new FoundRequestsDto(journal.Snapshot().Where(e => !e.WasMatched).Select(ServeEvents.Request).ToArray())))
            .WithSummary("Requests that matched no vendor operation");
        admin.MapGet("/requests/{id}", RequestById).Produces<ServeEventDto>().WithSummary("One journal entry");
        admin.MapDelete("/requests/{id}", (string id, RequestJournal journal) =>
            Guid.TryParse(id, out var guid) && journal.Remove(e => e.Id == guid).Count == 1
                ? TypedResults.Ok()
                : AdminProblems.Problem(StatusCodes.Status404NotFound, "Unknown request", $"No request '{id}' in the journal."))
            .WithSummary("Remove one journal entry");
        admin.MapPost("/requests/remove", async (HttpContext context, RequestJournal journal, MockAccountsOptions options) =>
            await MatchingAsync(context, journal, options, found =>
            {
                // Entries are unpacked afresh on every read, so they are matched by id, not by reference.
                var ids = found.Select(e => e.Id).ToHashSet();
                var removed = journal.Remove(e => ids.Contains(e.Id));
                return TypedResults.Ok(new FoundRequestsDto(removed.Select(ServeEvents.Request).ToArray()));
            })).WithMetadata(new AdminRequestBody(typeof(JsonObject))).Produces<FoundRequestsDto>().WithSummary("Remove the journal entries matching a WireMock request pattern");
        admin.MapPost("/requests/count", async (HttpContext context, RequestJournal journal, MockAccountsOptions options) =>
            await MatchingAsync(context, journal, options, found => TypedResults.Ok(new CountDto(found.Count))))
            .WithMetadata(new AdminRequestBody(typeof(JsonObject)))
            .Produces<CountDto>()
            .WithSummary("Count journal entries matching a WireMock request pattern (the stub mappings' request fields)");
        admin.MapPost("/requests/find", async (HttpContext context, RequestJournal journal, MockAccountsOptions options) =>
            await MatchingAsync(context, journal, options, found => TypedResults.Ok(new FoundRequestsDto(found.Select(ServeEvents.Request).ToArray()))))
            .WithMetadata(new AdminRequestBody(typeof(JsonObject)))
            .Produces<FoundRequestsDto>()
            .WithSummary("Journal entries matching a WireMock request pattern");
        admin.MapPost("/reset", (MockState state, RequestJournal journal, MockPipeline pipeline) =>
        {
            state.Reset();
            journal.Clear();
            pipeline.Stubs.Reset();
            pipeline.Stubs.ResetScenarios();
            return TypedResults.Ok();
        }).WithSummary("Back to a fresh start: scenarios, token bindings, account edits, variants, journal, and stub mappings as the files have them");

        return admin;
    }

    private static Ok<HealthDto> Health(ContractStore contracts, MockState state, RequestJournal journal, RequestLog requestLog, MockAccountsOptions options)
    {
        var error = contracts.LastError;
        var now = DateTimeOffset.UtcNow;
        return TypedResults.Ok(new HealthDto(
            error is null ? "healthy" : "degraded",
            error is null ? "MockAccounts is ok" : "The last contract reload failed; the last good contracts are still served.",
            Version,
            (long)(now - Started).TotalSeconds,
            now,
            new ContractHealthDto(contracts.Current.Contracts.Vendors.Count, contracts.LoadedAt, contracts.Reloads, contracts.Current.Contracts.RouteConflicts, error?.Message,
                error?.Errors.Select(e => new ContractErrorDto(e.File, e.Location, e.Message)).ToArray() ?? []),
            new JournalHealthDto(journal.Count, journal.Capacity, journal.Dropped),
            new TokenHealthDto(state.TokenEntries, state.TokenCapacity, state.EvictedTokenEntries),
            new RequestLogHealthDto(options.RequestLog, requestLog.Dropped),
            MemoryHealthDto.Now()));
    }

    private static Ok<ScenariosDto> Scenarios(ContractStore contracts, MockPipeline pipeline) =>
        TypedResults.Ok(new ScenariosDto(contracts.Current.Contracts.Vendors.Values.Select(vendor =>
        {
            var variant = pipeline.VariantOf(vendor);
            return new ScenarioDto(vendor.Name, vendor.Name, pipeline.VendorScenarioOf(variant).Name, variant.Catalogue.Names.ToArray());
        }).Concat(pipeline.Stubs.Scenarios().Select(s => new ScenarioDto(s.Name, s.Name, s.State, s.PossibleStates))).ToArray()));

    private static async Task<IResult> SetScenarioStateAsync(string vendor, HttpContext context, ContractStore contracts, MockPipeline pipeline, MockState state, MockAccountsOptions options)
    {
        if (contracts.Current.Contracts.Find(vendor) is not { } found)
        {
            return await SetStubScenarioStateAsync(vendor, context, contracts, pipeline.Stubs, options);
        }

        if (context.Request.ContentLength is 0 or null && !context.Request.Headers.ContainsKey("Transfer-Encoding"))
        {
            // WireMock: a PUT without a body resets that one scenario.
            state.ResetVendorScenario(vendor);
            return TypedResults.Ok();
        }

        var (scenario, problem) = await AdminBody.ReadStringAsync(context, options.MaxBodyBytes, "state");
        if (problem is not null)
        {
            return problem;
        }

        var catalogue = pipeline.VariantOf(found).Catalogue;
        if (catalogue.Find(scenario!) is null)
        {
            return AdminProblems.UnknownScenario(vendor, scenario!, catalogue.Names);
        }

        state.SetVendorScenario(vendor, scenario!);
        return TypedResults.Ok();
    }

    /// <summary>A scenario of stub mappings (not a vendor): any state its mappings name, or Started; no body resets it.</summary>
    private static async Task<IResult> SetStubScenarioStateAsync(string name, HttpContext context, ContractStore contracts, StubMappingStore stubs, MockAccountsOptions options)
    {
        if (stubs.Scenarios().FirstOrDefault(s => s.Name == name) is not { } scenario)
        {
            return AdminProblems.UnknownVendor(name, contracts.Current.Contracts.Vendors.Keys.Concat(stubs.Scenarios().Select(s => s.Name)));
        }

        string? state = null;
        if (!(context.Request.ContentLength is 0 or null && !context.Request.Headers.ContainsKey("Transfer-Encoding")))
        {
            (state, var problem) = await AdminBody.ReadStringAsync(context, options.MaxBodyBytes, "state");
            if (problem is not null)
            {
                return problem;
            }

            if (!scenario.PossibleStates.Contains(state!))
            {
                return AdminProblems.UnknownScenario(name, state!, scenario.PossibleStates);
            }
        }

        stubs.SetScenarioState(name, state);
        return TypedResults.Ok();
    }

    private static IResult Requests(RequestJournal journal, MockAccountsOptions options, string? limit, string? since)
    {
        var entries = journal.Snapshot().AsEnumerable();
        if (since is not null)
        {
            if (!DateTimeOffset.TryParse(since, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var after))
            {
                return AdminProblems.Problem(StatusCodes.Status400BadRequest, "Invalid 'since'", $"'{since}' is not a date-time (expected ISO 8601).");
            }

            entries = entries.Where(e => e.LoggedAt > after);
        }

        if (limit is not null)
        {
            if (!int.TryParse(limit, CultureInfo.InvariantCulture, out var count) || count < 0)
            {
                return AdminProblems.Problem(StatusCodes.Status400BadRequest, "Invalid 'limit'", $"'{limit}' is not a non-negative whole number.");
            }

            entries = entries.Take(count);
        }

        var events = entries.Select(e => ServeEvents.Event(e, options.Journal.MaxBodyChars)).ToArray();
        return TypedResults.Ok(new ServeEventsDto(events, new MetaDto(journal.Count, journal.Dropped), !journal.Enabled));
    }

    private static IResult RequestById(string id, RequestJournal journal, MockAccountsOptions options) =>
        Guid.TryParse(id, out var guid) && journal.Snapshot().FirstOrDefault(e => e.Id == guid) is { } entry
            ? TypedResults.Ok(ServeEvents.Event(entry, options.Journal.MaxBodyChars))
            : AdminProblems.Problem(StatusCodes.Status404NotFound, "Unknown request", $"No request '{id}' in the journal.");

    private static async Task<IResult> MatchingAsync(HttpContext context, RequestJournal journal, MockAccountsOptions options, Func<IReadOnlyList<JournalEntry>, IResult> answer)
    {
        var (json, problem) = await AdminBody.ReadAsync(context, options.MaxBodyBytes);
        if (problem is not null)
        {
            return problem;
        }

        var problems = new List<string>();
        var pattern = RequestMatcher.Parse(json, problems);
        return pattern is null
            ? AdminProblems.Problem(StatusCodes.Status400BadRequest, "Invalid request pattern", string.Join("; ", problems),
                new Dictionary<string, object?> { ["problems"] = problems })
            : answer(journal.Snapshot().Where(e => pattern.Matches(e.AsRequest())).ToArray());
    }
}
