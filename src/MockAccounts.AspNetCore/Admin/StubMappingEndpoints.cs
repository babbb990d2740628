using Microsoft.AspNetCore.Http.HttpResults;
using System.Text.Json.Nodes;
using MockAccounts.Core.Http;
using MockAccounts.Core.Mappings;
using MockAccounts.Core.Responses;
using MockAccounts.Core.Runtime;
using MockAccounts.AspNetCore.Journal;

namespace MockAccounts.AspNetCore.Admin;

/// <summary>
/// WireMock's stub mapping and near-miss admin calls, translated to HTTP over <see cref="StubMappingAdmin"/>:
/// paths, status codes and JSON as WireMock has them; refusals are problems naming every field.
/// </summary>
internal static class StubMappingEndpoints
{
    public static RouteGroupBuilder MapStubMappingAdmin(this RouteGroupBuilder admin)
    {
        admin.MapGet("/mappings", (StubMappingAdmin mappings) => List(mappings.Store.All))
            .WithSummary("WireMock stub mappings, in the order they are tried (priority, then newest)");
        admin.MapPost("/mappings", CreateAsync).WithMetadata(new AdminRequestBody(typeof(JsonObject)))
            .WithSummary("Create a stub mapping (WireMock JSON, the subset in the README); 400 names anything outside it or any contract violation");
        admin.MapDelete("/mappings", async (StubMappingAdmin mappings) =>
        {
            await mappings.RemoveAsync(_ => true).ConfigureAwait(false);
            return TypedResults.Ok();
        }).WithSummary("Remove every stub mapping (files are untouched; reset brings theirs back)");
        admin.MapPost("/mappings/reset", async (StubMappingAdmin mappings) =>
        {
            await mappings.ResetAsync().ConfigureAwait(false);
            return TypedResults.Ok();
        }).WithSummary("Back to the mapping files: admin-made mappings go, removed file mappings return");
        admin.MapPost("/mappings/save", SaveAsync).WithSummary("Write the admin-made mappings to MockAccounts:Mappings:SaveFolder, one file each");
        admin.MapPost("/mappings/import", ImportAsync).WithMetadata(new AdminRequestBody(typeof(JsonObject)))
            .WithSummary("Import {\"mappings\": […], \"importOptions\": {\"duplicatePolicy\": \"OVERWRITE\" | \"IGNORE\", \"deleteAllNotInImport\": false}}; all or nothing");
        admin.MapPost("/mappings/find-by-metadata", (HttpContext context, StubMappingAdmin mappings, MockAccountsOptions options, TimeProvider time) =>
            WithBodyAsync(context, options, "Invalid metadata pattern", (json, problems) =>
                Task.FromResult<IResult?>(Budgeted(() => List(mappings.FindByMetadata(json, problems, QueryBudget.For(context, options, time))), "Matching the metadata pattern"))))
            .WithMetadata(new AdminRequestBody(typeof(JsonObject)))
            .WithSummary("Stub mappings whose metadata matches a value pattern (e.g. matchesJsonPath)");
        admin.MapPost("/mappings/remove-by-metadata", (HttpContext context, StubMappingAdmin mappings, MockAccountsOptions options, TimeProvider time) =>
            WithBodyAsync(context, options, "Invalid metadata pattern", async (json, problems) =>
                await BudgetedAsync(async () => List(await mappings.RemoveByMetadataAsync(json, problems, QueryBudget.For(context, options, time)).ConfigureAwait(false)), "Matching the metadata pattern").ConfigureAwait(false)))
            .WithMetadata(new AdminRequestBody(typeof(JsonObject)))
            .WithSummary("Remove the stub mappings whose metadata matches a value pattern");
        admin.MapGet("/mappings/{id}", (string id, StubMappingAdmin mappings) =>
            Guid.TryParse(id, out var guid) && mappings.Store.Find(guid) is { } found ? TypedResults.Ok(found.Json) : (IResult)UnknownMapping(id))
            .WithSummary("One stub mapping");
        admin.MapPut("/mappings/{id}", ReplaceAsync).WithMetadata(new AdminRequestBody(typeof(JsonObject))).WithSummary("Replace a stub mapping");
        admin.MapDelete("/mappings/{id}", async (string id, StubMappingAdmin mappings) =>
            Guid.TryParse(id, out var guid) && (await mappings.RemoveAsync(m => m.Id == guid).ConfigureAwait(false)).Count > 0 ? TypedResults.Ok() : (IResult)UnknownMapping(id))
            .WithSummary("Remove a stub mapping");

        admin.MapGet("/requests/unmatched/near-misses", async (HttpContext context, RequestJournal journal, StubMappingAdmin mappings, MockAccountsOptions options, TimeProvider time) =>
        {
            var entries = await journal.SnapshotAsync(context.RequestAborted).ConfigureAwait(false);
            var budget = QueryBudget.For(context, options, time);
            return Budgeted(() => TypedResults.Ok(new NearMissesDto(entries.Where(e => !e.WasMatched)
                .SelectMany(e => mappings.Store.NearMisses(e.AsRequest(), budget, 1).Select(n => NearMiss(ServeEvents.Request(e), n))).ToArray())), "Finding near misses");
        })
            .WithSummary("For each unmatched request in the journal, the stub mapping it came nearest to");
        admin.MapPost("/near-misses/request", NearMissesForAsync).WithMetadata(new AdminRequestBody(typeof(JsonObject)))
            .WithSummary("The (at most 3) stub mappings nearest to a logged request {\"url\", \"method\", \"headers\", \"body\"}");
        return admin;
    }

    private static Ok<StubMappingsDto> List(IReadOnlyList<StubMapping> mappings) =>
        TypedResults.Ok(new StubMappingsDto(mappings.Select(m => m.Json).ToArray(), new StubMappingsMetaDto(mappings.Count)));

    private static Task<IResult> CreateAsync(HttpContext context, StubMappingAdmin mappings, MockAccountsOptions options) =>
        WithBodyAsync(context, options, "Invalid stub mapping", async (json, problems) =>
            mappings.Full(json) is { } full ? new ProblemResult(full)
            : await mappings.CreateAsync(json, problems).ConfigureAwait(false) is { } created ? TypedResults.Created($"/__admin/mappings/{created.Id}", created.Json) : null);

    private static async Task<IResult> ReplaceAsync(string id, HttpContext context, StubMappingAdmin mappings, MockAccountsOptions options)
    {
        if (!Guid.TryParse(id, out var guid) || mappings.Store.Find(guid) is null)
        {
            return UnknownMapping(id);
        }

        return await WithBodyAsync(context, options, "Invalid stub mapping", async (json, problems) =>
            await mappings.ReplaceAsync(guid, json, problems).ConfigureAwait(false) is { } replaced ? TypedResults.Ok(replaced.Json) : null).ConfigureAwait(false);
    }

    private static Task<IResult> ImportAsync(HttpContext context, StubMappingAdmin mappings, MockAccountsOptions options) =>
        WithBodyAsync(context, options, "Invalid import", async (json, problems) =>
        {
            if (mappings.Full(json) is { } full)
            {
                return new ProblemResult(full);
            }

            await mappings.ImportAsync(json, problems).ConfigureAwait(false);
            return problems.Count == 0 ? TypedResults.Ok() : null;
        });

    private static async Task<IResult> SaveAsync(StubMappingAdmin mappings, MockAccountsOptions options, CancellationToken cancellationToken)
    {
        if (options.Mappings.SaveFolder is not { } folder)
        {
            return new ProblemResult(new Problem(StatusCodes.Status409Conflict, "No save folder",
                $"Saving mappings needs a folder: set {MockAccountsOptions.Section}:Mappings:SaveFolder (a contract folder's mappings/ to have them load at the next start)."));
        }

        try
        {
            await mappings.SaveAsync(folder, cancellationToken).ConfigureAwait(false);
            return TypedResults.Ok();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return new ProblemResult(new Problem(StatusCodes.Status500InternalServerError, "Mappings not saved", $"Writing to '{folder}' failed: {e.Message}"));
        }
    }

    /// <summary>Body: a logged request as the journal shows it (<c>url</c>, <c>method</c>, <c>headers</c>, <c>body</c>).</summary>
    private static Task<IResult> NearMissesForAsync(HttpContext context, StubMappingAdmin mappings, MockAccountsOptions options, TimeProvider time) =>
        WithBodyAsync(context, options, "Invalid logged request", (json, problems) => Task.FromResult(NearMissesFor(context, mappings, options, time, json, problems)));

    private static IResult? NearMissesFor(HttpContext context, StubMappingAdmin mappings, MockAccountsOptions options, TimeProvider time, JsonNode? json, List<string> problems)
    {
            if (json is not JsonObject logged || logged["url"]?.GetValueKind() != System.Text.Json.JsonValueKind.String)
            {
                problems.Add("expected a logged request such as {\"url\": \"/v1/accounts/me\", \"method\": \"GET\", \"headers\": {\"Accept\": \"application/json\"}}");
                return null;
            }

            var request = LoggedRequest(logged);
            var view = new RequestView(request);
            var dto = new LoggedRequestDto(view.Url, view.Url, request.Method, "", new Dictionary<string, string>(), new Dictionary<string, string>(), false, 0, "", view.Body, "", "");
            var budget = QueryBudget.For(context, options, time);
            return Budgeted(() => TypedResults.Ok(new NearMissesDto(mappings.Store.NearMisses(view, budget).Select(n => NearMiss(dto, n)).ToArray())), "Finding near misses");
    }

    private static MockRequest LoggedRequest(JsonObject logged)
    {
        var url = logged["url"]!.GetValue<string>();
        var query = url.IndexOf('?', StringComparison.Ordinal);
        var headers = (logged["headers"] as JsonObject)?.ToDictionary(p => p.Key, p => p.Value is JsonArray a ? string.Join(", ", a) : p.Value?.ToString(), StringComparer.OrdinalIgnoreCase)
            ?? new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        var body = logged["body"]?.ToString() ?? "";
        return new MockRequest(
            logged["method"]?.ToString() ?? "GET",
            query < 0 ? url : url[..query],
            name => headers.GetValueOrDefault(name),
            System.Text.Encoding.UTF8.GetBytes(body),
            query < 0 ? "" : url[query..]);
    }

    /// <summary>The query's answer, or the problem saying its matching budget ran out.</summary>
    private static async Task<IResult> BudgetedAsync(Func<Task<IResult>> query, string what)
    {
        try
        {
            return await query().ConfigureAwait(false);
        }
        catch (MatchBudgetSpentException e)
        {
            return QueryBudget.Spent(e, what);
        }
    }

    /// <summary>The query's answer, or the problem saying its matching budget ran out.</summary>
    private static IResult Budgeted(Func<IResult> query, string what)
    {
        try
        {
            return query();
        }
        catch (MatchBudgetSpentException e)
        {
            return QueryBudget.Spent(e, what);
        }
    }

    private static NearMissDto NearMiss(LoggedRequestDto request, NearMiss miss) =>
        new(request, miss.Mapping.Json, new MatchResultDto(miss.Distance));

    private static ProblemResult UnknownMapping(string id) =>
        new ProblemResult(new Problem(StatusCodes.Status404NotFound, "Unknown mapping", $"No stub mapping '{id}' (GET /__admin/mappings lists them)."));

    /// <summary>Reads the JSON body, runs <paramref name="use"/>; a null result with problems becomes a 400 listing them.</summary>
    private static async Task<IResult> WithBodyAsync(HttpContext context, MockAccountsOptions options, string title, Func<JsonNode?, List<string>, Task<IResult?>> use)
    {
        var (json, problem) = await AdminBody.ReadAsync(context, options.MaxBodyBytes).ConfigureAwait(false);
        if (problem is not null)
        {
            return new ProblemResult(problem);
        }

        var problems = new List<string>();
        var result = await use(json, problems).ConfigureAwait(false);
        return problems.Count > 0 || result is null
            ? new ProblemResult(new Problem(StatusCodes.Status400BadRequest, title, string.Join("; ", problems)).With("problems", problems))
            : result;
    }
}
