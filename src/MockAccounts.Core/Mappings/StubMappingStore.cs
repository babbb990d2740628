using System.Collections.Concurrent;

namespace MockAccounts.Core.Mappings;

/// <summary>
/// The stub mappings being served: those loaded from mapping files (replaced on every contract reload)
/// and those made through the admin API, in WireMock's order (priority, then newest first), with the
/// state of their scenarios. Readers take an immutable snapshot; writers swap it under a lock that
/// never spans I/O.
/// </summary>
public sealed class StubMappingStore
{
    /// <summary>Every WireMock scenario starts here.</summary>
    public const string StartedState = "Started";

    private readonly Lock _gate = new();
    private readonly Func<IReadOnlyList<StubMapping>> _files;
    private readonly ConcurrentDictionary<string, string> _states = new(StringComparer.Ordinal);
    private readonly List<StubMapping> _added = [];
    private readonly HashSet<Guid> _hiddenFiles = [];
    private IReadOnlyList<StubMapping>? _filesSeen;
    private volatile StubMapping[] _ordered = [];
    private long _insertion = 1L << 32;

    /// <param name="files">The mappings from files right now (read on every use; a reload swaps the list).</param>
    public StubMappingStore(Func<IReadOnlyList<StubMapping>> files) => _files = files;

    /// <summary>Every mapping, in the order they are tried.</summary>
    public IReadOnlyList<StubMapping> All => Snapshot();

    /// <summary>Whether there are no mappings, so requests can skip matching.</summary>
    public bool IsEmpty => Snapshot().Length == 0;

    /// <summary>The mapping with this id, or null.</summary>
    /// <param name="id">The mapping's id.</param>
    public StubMapping? Find(Guid id) => Array.Find(Snapshot(), m => m.Id == id);

    /// <summary>The first mapping that matches the request in its scenario's current state.</summary>
    /// <param name="request">The request being served.</param>
    /// <param name="budget">What matching may spend, over all mappings together.</param>
    /// <exception cref="MatchBudgetSpentException">The budget ran out before a mapping matched or all had been tried.</exception>
    public StubMapping? Match(RequestView request, MatchBudget budget)
    {
        foreach (var mapping in Snapshot())
        {
            budget.ThrowIfSpent();
            if (InState(mapping) && mapping.Request.Matches(request, budget))
            {
                return mapping;
            }
        }

        return null;
    }

    /// <summary>Moves the mapping's scenario on, once it has answered.</summary>
    public void Served(StubMapping mapping)
    {
        if (mapping is { ScenarioName: { } scenario, NewScenarioState: { } next })
        {
            _states[scenario] = next;
        }
    }

    /// <summary>The <paramref name="max"/> mappings nearest to a request none matched, nearest first.</summary>
    /// <param name="request">The request that matched no mapping.</param>
    /// <param name="budget">What the comparisons may spend, over all mappings together.</param>
    /// <param name="max">How many to return.</param>
    /// <exception cref="MatchBudgetSpentException">The budget ran out before every mapping had been compared.</exception>
    public IReadOnlyList<NearMiss> NearMisses(RequestView request, MatchBudget budget, int max = 3) =>
        Snapshot().Select(m => new NearMiss(m, Math.Round(m.Request.Distance(request, budget), 6)))
            .OrderBy(n => n.Distance).Take(max).ToArray();

    /// <summary>Adds a mapping, or replaces the one with its id.</summary>
    public StubMapping Add(StubMapping mapping)
    {
        lock (_gate)
        {
            var added = mapping with { InsertionIndex = ++_insertion, SourceFile = null };
            _added.RemoveAll(m => m.Id == mapping.Id);
            _hiddenFiles.Add(mapping.Id);
            _added.Add(added);
            Rebuild();
            return added;
        }
    }

    /// <returns>The replacement, or null when no mapping has that id.</returns>
    public StubMapping? Replace(Guid id, StubMapping mapping)
    {
        lock (_gate)
        {
            return Find(id) is null ? null : Add(mapping with { Id = id });
        }
    }

    /// <summary>Removes the mapping with this id; false when none has it.</summary>
    /// <param name="id">The mapping's id.</param>
    public bool Remove(Guid id) => RemoveWhere(m => m.Id == id).Count > 0;

    /// <summary>Removes the mappings that match (file mappings stay away until a reset); returns them.</summary>
    public IReadOnlyList<StubMapping> RemoveWhere(Func<StubMapping, bool> match)
    {
        lock (_gate)
        {
            var removed = Snapshot().Where(match).ToArray();
            foreach (var mapping in removed)
            {
                _added.RemoveAll(m => m.Id == mapping.Id);
                _hiddenFiles.Add(mapping.Id);
            }

            Rebuild();
            return removed;
        }
    }

    /// <summary>WireMock's import: adds the mappings, keeping (<paramref name="overwrite"/> false) or replacing those whose id exists.</summary>
    public IReadOnlyList<StubMapping> Import(IReadOnlyList<StubMapping> mappings, bool overwrite, bool deleteAllNotInImport)
    {
        lock (_gate)
        {
            if (deleteAllNotInImport)
            {
                var keep = mappings.Select(m => m.Id).ToHashSet();
                RemoveWhere(m => !keep.Contains(m.Id));
            }

            return mappings.Where(m => overwrite || Find(m.Id) is null).Select(Add).ToArray();
        }
    }

    /// <summary>
    /// Applies one change made elsewhere (another replica, or this one's admin through the shared store): removes the
    /// mappings with <paramref name="removed"/>'s ids (file mappings stay away until a reset), then adds
    /// <paramref name="added"/> in order, each replacing the one with its id. Their order among admin-made mappings
    /// follows <paramref name="version"/>, the change's place in the order every replica applies changes in.
    /// </summary>
    /// <param name="added">Mappings added or replaced.</param>
    /// <param name="removed">Ids of mappings removed.</param>
    /// <param name="version">The change's version (greater than any applied before).</param>
    public void Apply(IReadOnlyList<StubMapping> added, IReadOnlyList<Guid> removed, long version)
    {
        lock (_gate)
        {
            foreach (var id in removed)
            {
                _added.RemoveAll(m => m.Id == id);
                _hiddenFiles.Add(id);
            }

            for (var i = 0; i < added.Count; i++)
            {
                var mapping = added[i];
                _added.RemoveAll(m => m.Id == mapping.Id);
                _hiddenFiles.Add(mapping.Id);
                _added.Add(mapping with { InsertionIndex = (1L << 32) + (version << 16) + i, SourceFile = null });
            }

            Rebuild();
        }
    }

    /// <summary>Back to the mapping files: admin-made mappings go, deleted file mappings return.</summary>
    public void Reset()
    {
        lock (_gate)
        {
            _added.Clear();
            _hiddenFiles.Clear();
            Rebuild();
        }
    }

    /// <summary>Mappings made through the admin API (what <c>/save</c> writes).</summary>
    public IReadOnlyList<StubMapping> Added()
    {
        lock (_gate)
        {
            return _added.ToArray();
        }
    }

    /// <summary>Every WireMock scenario the mappings use, with its current state and possible states.</summary>
    public IReadOnlyList<StubScenario> Scenarios() =>
        Snapshot().Where(m => m.ScenarioName is not null).GroupBy(m => m.ScenarioName!, StringComparer.Ordinal)
            .Select(g => new StubScenario(
                g.Key,
                StateOf(g.Key),
                g.SelectMany(m => new[] { m.RequiredScenarioState, m.NewScenarioState }).OfType<string>().Prepend(StartedState).Distinct().ToArray()))
            .ToArray();

    /// <returns>False when no mapping belongs to the scenario.</returns>
    public bool SetScenarioState(string scenario, string? state)
    {
        if (!Snapshot().Any(m => m.ScenarioName == scenario))
        {
            return false;
        }

        _states[scenario] = state ?? StartedState;
        return true;
    }

    /// <summary>Sets a stub scenario's state (null: <c>Started</c>), whether or not a mapping names it yet.</summary>
    /// <param name="scenario">The scenario name.</param>
    /// <param name="state">The state; null for <c>Started</c>.</param>
    public void SetState(string scenario, string? state) => _states[scenario] = state ?? StartedState;

    /// <summary>Every WireMock scenario back to <c>Started</c>.</summary>
    public void ResetScenarios() => _states.Clear();

    private string StateOf(string scenario) => _states.GetValueOrDefault(scenario, StartedState);

    private bool InState(StubMapping mapping) =>
        mapping.RequiredScenarioState is null || StateOf(mapping.ScenarioName!) == mapping.RequiredScenarioState;

    private StubMapping[] Snapshot()
    {
        if (!ReferenceEquals(_filesSeen, _files()))
        {
            lock (_gate)
            {
                Rebuild();
            }
        }

        return _ordered;
    }

    private void Rebuild()
    {
        var files = _files();
        _filesSeen = files;
        _ordered = files.Where(m => !_hiddenFiles.Contains(m.Id)).Concat(_added)
            .OrderBy(m => m.Priority).ThenByDescending(m => m.InsertionIndex).ToArray();
    }
}
