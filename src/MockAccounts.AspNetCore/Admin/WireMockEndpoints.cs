using Microsoft.AspNetCore.Http.HttpResults;
using System.Globalization;
using System.Reflection;
using System.Text.Json.Nodes;
using MockAccounts.Core.Mappings;
using MockAccounts.Core.Responses;
using MockAccounts.Core.Runtime;
using MockAccounts.AspNetCore.Journal;

namespace MockAccounts.AspNetCore.Admin;

/// <summary>
/// The part of WireMock's admin API a contract mock can honour, with WireMock's paths and JSON:
/// health, scenarios (one per vendor, its states the vendor's scenarios, beside the stub mappings'
/// scenarios), the request journal, reset. Stub mappings have their own endpoints.
/// </summary>
internal static class WireMockEndpoints
{
    private static readonly string Version =
        typeof(WireMockEndpoints).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";


    /// <returns>The key-protected part of the admin API, for further admin routes.</returns>
    public static RouteGroupBuilder MapWireMockAdmin(this RouteGroupBuilder open)
    {
        open.MapGet("/health", Health).WithSummary("Status, version, contract reload state (last error with file and pointer), journal and token counts, memory; never needs the admin key");
        var admin = open.MapGroup("").AddEndpointFilter<AdminKeyFilter>().WithMetadata(new AdminKeyRequiredMetadata());
        admin.MapGet("/scenarios", Scenarios).WithSummary("WireMock scenarios: one per vendor, its states the vendor's scenarios, then the stub mappings' scenarios");
        admin.MapPut("/scenarios/{vendor}/state", SetScenarioStateAsync).WithMetadata(new AdminRequestBody(typeof(StateRequestDto), IsOptional: true)).WithSummary("Switch a vendor's (or a stub scenario's) state: {\"state\": \"<scenario>\"}; no body resets it");
        admin.MapPost("/scenarios/reset", (MockAdmin mock) =>
        {
            mock.ResetScenarios();
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
                ? (IResult)TypedResults.Ok()
                : UnknownRequest(id))
            .WithSummary("Remove one journal entry");
        admin.MapPost("/requests/remove", async (HttpContext context, RequestJournal journal, MockAccountsOptions options, TimeProvider time) =>
            await MatchingAsync(context, journal, options, time, found =>
            {
                // Entries are unpacked afresh on every read, so they are matched by id, not by reference.
                var ids = found.Select(e => e.Id).ToHashSet();
                var removed = journal.Remove(e => ids.Contains(e.Id));
                return TypedResults.Ok(new FoundRequestsDto(removed.Select(ServeEvents.Request).ToArray()));
            }).ConfigureAwait(false)).WithMetadata(new AdminRequestBody(typeof(JsonObject))).Produces<FoundRequestsDto>().WithSummary("Remove the journal entries matching a WireMock request pattern");
        admin.MapPost("/requests/count", async (HttpContext context, RequestJournal journal, MockAccountsOptions options, TimeProvider time) =>
            await MatchingAsync(context, journal, options, time, found => TypedResults.Ok(new CountDto(found.Count))).ConfigureAwait(false))
            .WithMetadata(new AdminRequestBody(typeof(JsonObject)))
            .Produces<CountDto>()
            .WithSummary("Count journal entries matching a WireMock request pattern (the stub mappings' request fields)");
        admin.MapPost("/requests/find", async (HttpContext context, RequestJournal journal, MockAccountsOptions options, TimeProvider time) =>
            await MatchingAsync(context, journal, options, time, found => TypedResults.Ok(new FoundRequestsDto(found.Select(ServeEvents.Request).ToArray()))).ConfigureAwait(false))
            .WithMetadata(new AdminRequestBody(typeof(JsonObject)))
            .Produces<FoundRequestsDto>()
            .WithSummary("Journal entries matching a WireMock request pattern");
        admin.MapPost("/reset", (MockAdmin mock, RequestJournal journal) =>
        {
            mock.Reset();
            journal.Clear();
            return TypedResults.Ok();
        }).WithSummary("Back to a fresh start: scenarios, token bindings, account edits, variants, journal, and stub mappings as the files have them");

        return admin;
    }

    private static Ok<HealthDto> Health(MockEngine engine, ContractStore contracts, MockState state, RequestJournal journal, RequestLog requestLog, MockAccountsOptions options)
    {
        var error = contracts.LastError;
        var now = engine.Time.GetUtcNow();
        return TypedResults.Ok(new HealthDto(
            error is null ? "healthy" : "degraded",
            error is null ? "MockAccounts is ok" : "The last contract reload failed; the last good contracts are still served.",
            Version,
            (long)(now - engine.StartedAt).TotalSeconds,
            now,
            new ContractHealthDto(contracts.Current.Contracts.Vendors.Count, contracts.LoadedAt, contracts.Reloads, contracts.Current.Contracts.RouteConflicts, error?.Message,
                error?.Errors.Select(e => new ContractErrorDto(e.File, e.Location, e.Message)).ToArray() ?? []),
            new JournalHealthDto(journal.Count, journal.Capacity, journal.Dropped),
            new TokenHealthDto(state.TokenEntries, state.TokenCapacity, state.EvictedTokenEntries, state.TokenBytes, state.TokenByteCapacity),
            new RequestLogHealthDto(options.RequestLog, requestLog.Dropped),
            MemoryHealthDto.Now()));
    }

    private static Ok<ScenariosDto> Scenarios(MockAdmin admin) =>
        TypedResults.Ok(new ScenariosDto(admin.Vendors.Select(vendor =>
        {
            var variant = admin.CurrentVariant(vendor);
            return new ScenarioDto(vendor.Name, vendor.Name, admin.CurrentScenario(variant).Name, variant.Catalogue.Names.ToArray());
        }).Concat(admin.StubScenarios().Select(s => new ScenarioDto(s.Name, s.Name, s.State, s.PossibleStates))).ToArray()));

    private static async Task<IResult> SetScenarioStateAsync(string vendor, HttpContext context, MockAdmin admin, MockAccountsOptions options)
    {
        // WireMock: a PUT without a body resets that one scenario.
        var reset = context.Request.ContentLength is 0 or null && !context.Request.Headers.ContainsKey("Transfer-Encoding");
        string? state = null;
        if (!reset)
        {
            var (values, bodyProblem) = await AdminBody.ReadStringsAsync(context, options.MaxBodyBytes, "state").ConfigureAwait(false);
            if (bodyProblem is not null)
            {
                return new ProblemResult(bodyProblem);
            }

            state = values[0];
        }

        Problem? problem = null;
        if (admin.FindVendor(vendor).Value is not { } contract)
        {
            problem = admin.SetStubScenarioState(vendor, state);
        }
        else if (state is null)
        {
            admin.ResetVendorScenario(contract);
        }
        else
        {
            problem = admin.SetVendorScenario(contract, state);
        }

        return problem is not null ? new ProblemResult(problem) : TypedResults.Ok();
    }

    private static IResult Requests(RequestJournal journal, MockAccountsOptions options, string? limit, string? since)
    {
        var entries = journal.Snapshot().AsEnumerable();
        if (since is not null)
        {
            if (!DateTimeOffset.TryParse(since, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var after))
            {
                return new ProblemResult(new Problem(StatusCodes.Status400BadRequest, "Invalid 'since'", $"'{since}' is not a date-time (expected ISO 8601)."));
            }

            entries = entries.Where(e => e.LoggedAt > after);
        }

        if (limit is not null)
        {
            if (!int.TryParse(limit, CultureInfo.InvariantCulture, out var count) || count < 0)
            {
                return new ProblemResult(new Problem(StatusCodes.Status400BadRequest, "Invalid 'limit'", $"'{limit}' is not a non-negative whole number."));
            }

            entries = entries.Take(count);
        }

        var events = entries.Select(e => ServeEvents.Event(e, options.Journal.MaxBodyChars)).ToArray();
        return TypedResults.Ok(new ServeEventsDto(events, new MetaDto(journal.Count, journal.Dropped), !journal.Enabled));
    }

    private static IResult RequestById(string id, RequestJournal journal, MockAccountsOptions options) =>
        Guid.TryParse(id, out var guid) && journal.Snapshot().FirstOrDefault(e => e.Id == guid) is { } entry
            ? TypedResults.Ok(ServeEvents.Event(entry, options.Journal.MaxBodyChars))
            : UnknownRequest(id);

    private static ProblemResult UnknownRequest(string id) =>
        new(new Problem(StatusCodes.Status404NotFound, "Unknown request", $"No request '{id}' in the journal."));

    private static async Task<IResult> MatchingAsync(
        HttpContext context, RequestJournal journal, MockAccountsOptions options, TimeProvider time, Func<IReadOnlyList<JournalEntry>, IResult> answer)
    {
        var (json, problem) = await AdminBody.ReadAsync(context, options.MaxBodyBytes).ConfigureAwait(false);
        if (problem is not null)
        {
            return new ProblemResult(problem);
        }

        var problems = new List<string>();
        // While credentials are not kept whole, they may be matched only exactly (digest to digest) or as absent.
        var pattern = RequestMatcher.Parse(json, problems, redacted: journal.Redacted);
        if (pattern is null)
        {
            return new ProblemResult(new Problem(StatusCodes.Status400BadRequest, "Invalid request pattern", string.Join("; ", problems)).With("problems", problems));
        }

        var budget = QueryBudget.For(context, options, time);
        JournalEntry[] found;
        try
        {
            found = journal.Snapshot().Where(e => pattern.Matches(e.AsRequest(), budget)).ToArray();
        }
        catch (MatchBudgetSpentException e)
        {
            return QueryBudget.Spent(e, "Matching the request pattern against the journal");
        }

        return answer(found);
    }
}
