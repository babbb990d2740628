using System.Text.Json;
using System.Text.Json.Nodes;
using MockAccounts.Core.Loading;
using MockAccounts.Core.Mappings;
using MockAccounts.Core.Responses;

namespace MockAccounts.Core.Runtime;

/// <summary>
/// WireMock's mapping admin calls as use-cases over the pipeline's store: create, replace, import, find
/// and remove by metadata, save. A mapping outside the supported subset, or (in strict validation) one
/// that breaks the contract of the vendor operation it answers, is refused with every problem named. Every change goes
/// through the pipeline's <see cref="StateWriter"/> (shared with the other replicas when the state is).
/// </summary>
public sealed class StubMappingAdmin
{
    private readonly MockPipeline _pipeline;
    private readonly Func<string, byte[]?> _bodyFiles;

    /// <summary>Admin calls over <paramref name="pipeline"/>'s stub mappings.</summary>
    /// <param name="pipeline">The pipeline whose mappings are managed and which checks them.</param>
    /// <param name="sources">The contract roots, where <c>bodyFileName</c>s are looked up.</param>
    /// <param name="maxCount">The most mappings served at once; creating or importing past it is refused.</param>
    public StubMappingAdmin(MockPipeline pipeline, IReadOnlyList<ContractSources> sources, int maxCount = int.MaxValue)
    {
        _pipeline = pipeline;
        _bodyFiles = StubMappingFiles.BodyFiles(sources);
        MaxCount = maxCount;
    }

    /// <summary>The setting <see cref="MaxCount"/> comes from, named when a mapping is refused for it.</summary>
    public const string MaxCountSetting = "MockAccounts:Mappings:MaxCount";

    /// <summary>The most mappings served at once (mapping files and admin-made together).</summary>
    public int MaxCount { get; }

    /// <summary>
    /// Null when <paramref name="json"/> (one mapping, or an import's <c>{"mappings": […]}</c>) fits under <see cref="MaxCount"/>;
    /// else a 409 problem naming the setting. A mapping whose id is served already replaces it and takes no room.
    /// </summary>
    public Problem? Full(JsonNode? json)
    {
        var items = json is JsonObject { } body && body["mappings"] is JsonArray list && !body.ContainsKey("request") ? list.ToArray() : [json];
        var adding = items.Count(item => !(item is JsonObject mapping && (mapping["id"] ?? mapping["uuid"]) is JsonValue id
            && Guid.TryParse(id.ToString(), out var guid) && Store.Find(guid) is not null));
        var served = Store.All.Count;
        return served + adding <= MaxCount
            ? null
            : new Problem(409, "Too many stub mappings",
                $"{served} stub mappings are served and {adding} more would pass {MaxCountSetting} ({MaxCount}); remove some (DELETE /__admin/mappings/{{id}}) or raise the setting.")
                .With("setting", MaxCountSetting).With("maxCount", MaxCount);
    }

    /// <summary>The mappings being served.</summary>
    public StubMappingStore Store => _pipeline.Stubs;

    /// <summary>Parses and checks a mapping without storing it.</summary>
    public StubMapping? Prepare(JsonNode? json, List<string> problems)
    {
        var mapping = StubMappingParser.Parse(json, _bodyFiles, problems, _pipeline.Defaults.Templates);
        if (mapping is not null && _pipeline.Validation == ValidationMode.Strict)
        {
            problems.AddRange(_pipeline.CheckStub(mapping).Select(p => $"response breaks the contract: {p}"));
        }

        return problems.Count == 0 ? mapping : null;
    }

    /// <summary>Parses, checks and stores a mapping; null when refused, with the reasons in <paramref name="problems"/>.</summary>
    /// <param name="json">The mapping as WireMock's admin API takes it.</param>
    /// <param name="problems">Receives every reason the mapping is refused.</param>
    public async ValueTask<StubMapping?> CreateAsync(JsonNode? json, List<string> problems)
    {
        if (Prepare(json, problems) is not { } mapping)
        {
            return null;
        }

        await ChangeAsync([mapping], []).ConfigureAwait(false);
        return mapping;
    }

    /// <returns>The replacement; null with no problems when no mapping has the id.</returns>
    public async ValueTask<StubMapping?> ReplaceAsync(Guid id, JsonNode? json, List<string> problems)
    {
        if (Store.Find(id) is null)
        {
            return null;
        }

        if (json is JsonObject obj)
        {
            // The path names the mapping; a body without an id (or with the same one) replaces it.
            obj = (JsonObject)obj.DeepClone();
            obj.Remove("uuid");
            obj["id"] = id.ToString();
            json = obj;
        }

        if (Prepare(json, problems) is not { } mapping)
        {
            return null;
        }

        await ChangeAsync([mapping with { Id = id }], []).ConfigureAwait(false);
        return mapping;
    }

    /// <summary>Removes the mappings that match (file mappings stay away until a reset); returns them.</summary>
    /// <param name="match">Which mappings go.</param>
    public async ValueTask<IReadOnlyList<StubMapping>> RemoveAsync(Func<StubMapping, bool> match)
    {
        var removed = Store.All.Where(match).ToArray();
        if (removed.Length > 0)
        {
            await ChangeAsync([], removed.Select(m => m.Id).ToArray()).ConfigureAwait(false);
        }

        return removed;
    }

    /// <summary>Back to the mapping files: admin-made mappings go, removed file mappings return.</summary>
    public ValueTask ResetAsync() => _pipeline.Writer.WriteAsync(new StateChange(StateChangeKind.StubMappingsReset));

    /// <summary><c>{"mappings": […], "importOptions": {"duplicatePolicy": "OVERWRITE" | "IGNORE", "deleteAllNotInImport": false}}</c>; all or nothing.</summary>
    public async ValueTask<IReadOnlyList<StubMapping>> ImportAsync(JsonNode? json, List<string> problems)
    {
        if (json is not JsonObject body || body["mappings"] is not JsonArray items)
        {
            problems.Add("expected {\"mappings\": [ … ], \"importOptions\": {\"duplicatePolicy\": \"OVERWRITE\" | \"IGNORE\", \"deleteAllNotInImport\": false}}");
            return [];
        }

        var options = body["importOptions"] as JsonObject;
        var policy = options?["duplicatePolicy"]?.GetValueKind() == JsonValueKind.String ? options["duplicatePolicy"]!.GetValue<string>() : "OVERWRITE";
        if (policy is not ("OVERWRITE" or "IGNORE"))
        {
            problems.Add($"importOptions.duplicatePolicy: '{policy}' is not one of OVERWRITE, IGNORE");
        }

        var deleteOthers = options?["deleteAllNotInImport"]?.GetValueKind() == JsonValueKind.True;
        var mappings = new List<StubMapping>();
        for (var i = 0; i < items.Count; i++)
        {
            var found = new List<string>();
            if (Prepare(items[i], found) is { } mapping)
            {
                mappings.Add(mapping);
            }

            problems.AddRange(found.Select(p => $"mappings[{i}].{p}"));
        }

        if (problems.Count > 0)
        {
            return [];
        }

        // Decided here, against what this replica serves, and sent as plain adds and removes: every replica applies the same.
        var keep = mappings.Select(m => m.Id).ToHashSet();
        var removed = deleteOthers ? Store.All.Where(m => !keep.Contains(m.Id)).Select(m => m.Id).ToArray() : [];
        var added = mappings.Where(m => policy == "OVERWRITE" || Store.Find(m.Id) is null || removed.Contains(m.Id)).ToArray();
        if (added.Length > 0 || removed.Length > 0)
        {
            await ChangeAsync(added, removed).ConfigureAwait(false);
        }

        return added;
    }

    /// <summary>Mappings whose metadata (as JSON) satisfies a value pattern such as <c>{"matchesJsonPath": "$.team"}</c>.</summary>
    /// <param name="json">A value pattern.</param>
    /// <param name="problems">Receives what is wrong with the pattern.</param>
    /// <param name="budget">What matching may spend, over all mappings together.</param>
    /// <exception cref="MatchBudgetSpentException">The budget ran out before every mapping had been tried.</exception>
    public IReadOnlyList<StubMapping> FindByMetadata(JsonNode? json, List<string> problems, MatchBudget budget) =>
        MetadataPattern(json, problems, budget) is { } pattern ? Store.All.Where(pattern).ToArray() : [];

    /// <summary>Removes the mappings whose metadata satisfies the pattern and returns them (none when the budget runs out first).</summary>
    /// <param name="json">A value pattern such as <c>{"matchesJsonPath": "$.team"}</c>.</param>
    /// <param name="problems">Receives what is wrong with the pattern.</param>
    /// <param name="budget">What matching may spend, over all mappings together.</param>
    /// <exception cref="MatchBudgetSpentException">The budget ran out before every mapping had been tried; nothing was removed.</exception>
    public async ValueTask<IReadOnlyList<StubMapping>> RemoveByMetadataAsync(JsonNode? json, List<string> problems, MatchBudget budget)
    {
        if (MetadataPattern(json, problems, budget) is not { } pattern)
        {
            return [];
        }

        // Decided first, then removed: a budget spent halfway removes nothing.
        var ids = Store.All.Where(pattern).Select(m => m.Id).ToHashSet();
        return await RemoveAsync(m => ids.Contains(m.Id)).ConfigureAwait(false);
    }

    /// <summary>Writes the admin-made mappings to <paramref name="folder"/>, one file each.</summary>
    public Task<IReadOnlyList<string>> SaveAsync(string folder, CancellationToken cancellationToken) =>
        StubMappingFiles.SaveAsync(folder, Store.Added(), cancellationToken);

    private ValueTask ChangeAsync(IReadOnlyList<StubMapping> added, IReadOnlyList<Guid> removed) =>
        _pipeline.Writer.WriteAsync(new StateChange(StateChangeKind.StubMappings) { Mappings = added, Removed = removed });

    private static Func<StubMapping, bool>? MetadataPattern(JsonNode? json, List<string> problems, MatchBudget budget)
    {
        var pattern = ValuePattern.Parse(json, "metadata pattern", problems);
        return pattern is null ? null : m => pattern.Matches(m.Metadata?.ToJsonString() ?? "{}", budget);
    }
}
