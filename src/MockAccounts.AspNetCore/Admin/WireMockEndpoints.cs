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
        admin.MapPost("/scenarios/reset", async (MockAdmin mock) =>
        {
            await mock.ResetScenariosAsync().ConfigureAwait(false);
            return TypedResults.Ok();
        }).WithSummary("Every vendor back to its default scenario, every stub scenario back to Started");
        admin.MapGet("/requests", Requests).Produces<ServeEventsDto>().WithSummary("The journal, newest first (?limit=, ?since=)");
        admin.MapDelete("/requests", async (RequestJournal journal, CancellationToken cancellationToken) =>
        {
            await journal.ClearAsync(cancellationToken).ConfigureAwait(false);
            return TypedResults.Ok();
        }).WithSummary("Clear the journal");
        admin.MapPost("/requests/reset", async (RequestJournal journal, CancellationToken cancellationToken) =>
        {
            await journal.ClearAsync(cancellationToken).ConfigureAwait(false);
            return TypedResults.Ok();
        }).WithSummary("Clear the journal (WireMock's older form)");
        admin.MapGet("/requests/unmatched", async (RequestJournal journal, CancellationToken cancellationToken) =>
            TypedResults.Ok(new FoundRequestsDto((await journal.SnapshotAsync(cancellationToken).ConfigureAwait(false)).Where(e => !e.WasMatched).Select(ServeEvents.Request).ToArray())))
            .WithSummary("Requests that matched no vendor operation");
        admin.MapGet("/requests/{id}", RequestByIdAsync).Produces<ServeEventDto>().WithSummary("One journal entry");
        admin.MapDelete("/requests/{id}", async (string id, RequestJournal journal, CancellationToken cancellationToken) =>
            Guid.TryParse(id, out var guid) && (await journal.RemoveAsync(e => e.Id == guid, cancellationToken).ConfigureAwait(false)).Count == 1
                ? (IResult)TypedResults.Ok()
                : UnknownRequest(id))
            .WithSummary("Remove one journal entry");
        admin.MapPost("/requests/remove", async (HttpContext context, RequestJournal journal, MockAccountsOptions options, TimeProvider time) =>
            await MatchingAsync(context, journal, options, time, async found =>
            {
                // Entries are unpacked afresh on every read, so they are matched by id, not by reference.
                var ids = found.Select(e => e.Id).ToHashSet();
                var removed = await journal.RemoveAsync(e => ids.Contains(e.Id), context.RequestAborted).ConfigureAwait(false);
                return TypedResults.Ok(new FoundRequestsDto(removed.Select(ServeEvents.Request).ToArray()));
            }).ConfigureAwait(false)).WithMetadata(new AdminRequestBody(typeof(JsonObject))).Produces<FoundRequestsDto>().WithSummary("Remove the journal entries matching a WireMock request pattern");
        admin.MapPost("/requests/count", async (HttpContext context, RequestJournal journal, MockAccountsOptions options, TimeProvider time) =>
            await MatchingAsync(context, journal, options, time, found => Task.FromResult<IResult>(TypedResults.Ok(new CountDto(found.Count)))).ConfigureAwait(false))
            .WithMetadata(new AdminRequestBody(typeof(JsonObject)))
            .Produces<CountDto>()
            .WithSummary("Count journal entries matching a WireMock request pattern (the stub mappings' request fields)");
        admin.MapPost("/requests/find", async (HttpContext context, RequestJournal journal, MockAccountsOptions options, TimeProvider time) =>
            await MatchingAsync(context, journal, options, time, found => Task.FromResult<IResult>(TypedResults.Ok(new FoundRequestsDto(found.Select(ServeEvents.Request).ToArray())))).ConfigureAwait(false))
            .WithMetadata(new AdminRequestBody(typeof(JsonObject)))
            .Produces<FoundRequestsDto>()
            .WithSummary("Journal entries matching a WireMock request pattern");
        admin.MapPost("/reset", async (MockAdmin mock, RequestJournal journal) =>
        {
            await mock.ResetAsync().ConfigureAwait(false);
            await journal.ClearAsync().ConfigureAwait(false);
            return TypedResults.Ok();
        }).WithSummary("Back to a fresh start: scenarios, token bindings, account edits, variants, journal, and stub mappings as the files have them");

        return admin;
    }

    private static async Task<Ok<HealthDto>> Health(MockEngine engine, ContractStore contracts, MockState state, RequestJournal journal, RequestLog requestLog, MockAccountsOptions options, StateHealthSource stateHealth)
    {
        var error = contracts.LastError;
        var now = engine.Time.GetUtcNow();
        var shared = stateHealth.Now();
        var (journalCount, journalDropped) = (journal.Count, journal.Dropped);
        if (shared is { Connected: true } && journal.Shared is { } sharedJournal)
        {
            try
            {
                // The counts as the store holds them, without first asking every replica to write its queue: a probe
                // (HAProxy's, Docker's) must neither broadcast to every replica nor wait on one still reconnecting.
                (journalCount, journalDropped) = await sharedJournal.CountsAsync(CancellationToken.None).ConfigureAwait(false);
            }
            catch (SharedStateUnavailableException)
            {
                // Health never fails for the store: it says the store is unreachable instead.
            }
        }

        var degraded = error is not null || shared is { Connected: false };
        return TypedResults.Ok(new HealthDto(
            degraded ? "degraded" : "healthy",
            error is not null ? "The last contract reload failed; the last good contracts are still served."
                : shared is { Connected: false } ? $"Redis ({MockAccountsOptions.Section}:State:Redis, {shared.Store}) cannot be reached: vendor requests are answered from the last known state, admin changes are refused (503) until it is back."
                : "MockAccounts is ok",
            Version,
            (long)(now - engine.StartedAt).TotalSeconds,
            now,
            new ContractHealthDto(contracts.Current.Contracts.Vendors.Count, contracts.LoadedAt, contracts.Reloads, contracts.Current.Contracts.RouteConflicts, error?.Message,
                error?.Errors.Select(e => new ContractErrorDto(e.File, e.Location, e.Message)).ToArray() ?? []),
            new JournalHealthDto(journalCount, journal.Capacity, journalDropped),
            new TokenHealthDto(state.TokenEntries, state.TokenCapacity, state.EvictedTokenEntries, state.TokenBytes, state.TokenByteCapacity),
            new RequestLogHealthDto(options.RequestLog, requestLog.Dropped),
            MemoryHealthDto.Now())
        {
            State = shared,
        });
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
            problem = await admin.SetStubScenarioStateAsync(vendor, state).ConfigureAwait(false);
        }
        else if (state is null)
        {
            await admin.ResetVendorScenarioAsync(contract).ConfigureAwait(false);
        }
        else
        {
            problem = await admin.SetVendorScenarioAsync(contract, state).ConfigureAwait(false);
        }

        return problem is not null ? new ProblemResult(problem) : TypedResults.Ok();
    }

    private static async Task<IResult> Requests(RequestJournal journal, MockAccountsOptions options, string? limit, string? since, CancellationToken cancellationToken)
    {
        var (all, total, dropped) = await journal.SnapshotWithCountsAsync(cancellationToken).ConfigureAwait(false);
        var entries = all.AsEnumerable();
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
        return TypedResults.Ok(new ServeEventsDto(events, new MetaDto(total, dropped), !journal.Enabled));
    }

    private static async Task<IResult> RequestByIdAsync(string id, RequestJournal journal, MockAccountsOptions options, CancellationToken cancellationToken) =>
        Guid.TryParse(id, out var guid) && (await journal.SnapshotAsync(cancellationToken).ConfigureAwait(false)).FirstOrDefault(e => e.Id == guid) is { } entry
            ? TypedResults.Ok(ServeEvents.Event(entry, options.Journal.MaxBodyChars))
            : UnknownRequest(id);

    private static ProblemResult UnknownRequest(string id) =>
        new(new Problem(StatusCodes.Status404NotFound, "Unknown request", $"No request '{id}' in the journal."));

    private static async Task<IResult> MatchingAsync(
        HttpContext context, RequestJournal journal, MockAccountsOptions options, TimeProvider time, Func<IReadOnlyList<JournalEntry>, Task<IResult>> answer)
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

        var entries = await journal.SnapshotAsync(context.RequestAborted).ConfigureAwait(false);
        var budget = QueryBudget.For(context, options, time);
        JournalEntry[] found;
        try
        {
            found = entries.Where(e => pattern.Matches(e.AsRequest(), budget)).ToArray();
        }
        catch (MatchBudgetSpentException e)
        {
            return QueryBudget.Spent(e, "Matching the request pattern against the journal");
        }

        return await answer(found).ConfigureAwait(false);
    }
}
