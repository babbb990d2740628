using ArchUnitNET.Domain;

namespace MockAccounts.Architecture.Tests;

/// <summary>
/// Which namespace of ours uses which, read from the compiled assemblies (every type's dependencies,
/// members and bodies included), and the cycles among them: a failure names each cycle and, for each of
/// its edges, one type that makes it, so the message says where to cut.
/// </summary>
internal sealed class NamespaceGraph
{
    private readonly Dictionary<string, Dictionary<string, string>> _edges = new(StringComparer.Ordinal);

    public NamespaceGraph(ArchUnitNET.Domain.Architecture architecture, string prefix)
    {
        foreach (var type in architecture.Types.Where(t => Within(t, prefix)))
        {
            var from = type.Namespace.FullName;
            var targets = _edges.TryGetValue(from, out var known) ? known : _edges[from] = new(StringComparer.Ordinal);
            foreach (var dependency in type.Dependencies.Where(d => Within(d.Target, prefix) && d.Target.Namespace.FullName != from))
            {
                targets.TryAdd(dependency.Target.Namespace.FullName, $"{Name(type)} -> {Name(dependency.Target)}");
            }
        }
    }

    /// <summary>Every namespace that depends on <paramref name="target"/> (or one below it), with an example each.</summary>
    public IEnumerable<string> DependentsOf(string source, string target) =>
        _edges.Where(e => Below(e.Key, source))
            .SelectMany(e => e.Value.Where(t => Below(t.Key, target)).Select(t => $"{e.Key} -> {t.Key} ({t.Value})"));

    /// <summary>Strongly connected sets of more than one namespace (Tarjan), each as its members and the edges inside it.</summary>
    public IReadOnlyList<string> Cycles()
    {
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var low = new Dictionary<string, int>(StringComparer.Ordinal);
        var stack = new Stack<string>();
        var onStack = new HashSet<string>(StringComparer.Ordinal);
        var found = new List<string>();
        foreach (var node in _edges.Keys.Order(StringComparer.Ordinal))
        {
            if (!index.ContainsKey(node))
            {
                Visit(node);
            }
        }

        return found;

        void Visit(string node)
        {
            index[node] = low[node] = index.Count;
            stack.Push(node);
            onStack.Add(node);
            foreach (var next in Targets(node))
            {
                if (!index.TryGetValue(next, out var seen))
                {
                    Visit(next);
                    low[node] = Math.Min(low[node], low[next]);
                }
                else if (onStack.Contains(next))
                {
                    low[node] = Math.Min(low[node], seen);
                }
            }

            if (low[node] != index[node])
            {
                return;
            }

            var members = new SortedSet<string>(StringComparer.Ordinal);
            string member;
            do
            {
                member = stack.Pop();
                onStack.Remove(member);
                members.Add(member);
            }
            while (member != node);

            if (members.Count > 1)
            {
                var inside = members.SelectMany(m => _edges[m].Where(t => members.Contains(t.Key)).Select(t => $"    {m} -> {t.Key}: {t.Value}"));
                found.Add($"{string.Join(", ", members)}\n{string.Join("\n", inside)}");
            }
        }
    }

    private IEnumerable<string> Targets(string node) => _edges.TryGetValue(node, out var targets) ? targets.Keys.Order(StringComparer.Ordinal) : [];

    private static bool Within(IType type, string prefix) => type.Namespace?.FullName is { } name && Below(name, prefix);

    private static bool Below(string name, string prefix) => name == prefix || name.StartsWith(prefix + ".", StringComparison.Ordinal);

    private static string Name(IType type) => type.FullName.Split('`')[0].Split('+')[0];
}
