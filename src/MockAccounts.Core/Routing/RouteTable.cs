using MockAccounts.Core.Contracts;

namespace MockAccounts.Core.Routing;

/// <summary>
/// Maps (method, path) to a vendor operation. Every vendor answers under <c>/&lt;vendor&gt;/…</c>;
/// at the root, the first vendor (by name) to claim a path keeps it and the clash is reported.
/// </summary>
public sealed class RouteTable
{
    private readonly List<(string Method, string[] Segments, string Template, VendorContract Vendor)> _root = [];
    /// <summary>No operation path is this deep; a deeper request path matches nothing.</summary>
    private const int MaxSegments = 32;

    private readonly Dictionary<string, RouteNode> _byVendor = new(StringComparer.Ordinal);
    private readonly Dictionary<string, RouteNode>.AlternateLookup<ReadOnlySpan<char>> _byVendorLookup;

    // Matching walks a tree of path segments (a literal before a parameter at each level), so a vendor of a thousand
    // operations costs a request no more than one of four; the list above only finds clashes between vendors.
    private readonly RouteNode _rootTree = new();

    /// <summary>Builds the routes of every variant's operations, noting root paths that vendors clash on.</summary>
    /// <param name="vendors">The loaded vendors.</param>
    public RouteTable(IEnumerable<VendorContract> vendors)
    {
        var conflicts = new List<string>();
        foreach (var vendor in vendors.OrderBy(v => v.Name, StringComparer.Ordinal))
        {
            // A literal segment matches before a parameter in the same place (/agents/usage before /agents/{id}), as OpenAPI says.
            var routes = vendor.Variants.Values.SelectMany(v => v.Operations)
                .Select(o => (o.Method, Segments: Split(o.Path), Template: o.Path))
                .DistinctBy(r => (r.Method, r.Template))
                .OrderBy(r => Specificity(r.Segments), StringComparer.Ordinal)
                .ToList();
            var tree = new RouteNode();
            _byVendor[vendor.Name] = tree;
            foreach (var (method, segments, template) in routes)
            {
                if (segments.Length >= MaxSegments)
                {
                    conflicts.Add($"{method} {template}: deeper than {MaxSegments - 1} segments; never matched");
                    continue;
                }

                tree.Add(segments, 0, method, template, vendor);

                var owner = _root.FirstOrDefault(r => r.Method == method && r.Vendor != vendor && Overlap(r.Segments, segments));
                if (owner.Vendor is not null)
                {
                    conflicts.Add($"{method} {template}: claimed by '{owner.Vendor.Name}' and '{vendor.Name}'; '{owner.Vendor.Name}' answers at the root, both answer under their prefix (/{owner.Vendor.Name}{owner.Template}, /{vendor.Name}{template})");
                    continue;
                }

                _root.Add((method, segments, template, vendor));
                _rootTree.Add(segments, 0, method, template, vendor);
            }
        }

        Conflicts = conflicts;
        _byVendorLookup = _byVendor.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>Root paths claimed by more than one vendor, with who kept them.</summary>
    public IReadOnlyList<string> Conflicts { get; }

    /// <summary>The vendor operation template that <paramref name="method"/> and <paramref name="path"/> reach, or null.</summary>
    /// <param name="method">The HTTP method, upper case.</param>
    /// <param name="path">The request path without its query string.</param>
    /// <param name="vendors">The loaded vendors by name.</param>
    public RouteMatch? Match(string method, string path, IReadOnlyDictionary<string, VendorContract> vendors)
    {
        // Segments as ranges of the path: matching a request allocates nothing.
        Span<Range> segments = stackalloc Range[MaxSegments];
        var count = 0;
        foreach (var segment in path.AsSpan().Split('/'))
        {
            if (segment.Start.Equals(segment.End))
            {
                continue;
            }

            if (count == MaxSegments)
            {
                return null;
            }

            segments[count++] = segment;
        }

        var parts = new PathSegments(path, segments[..count]);
        if (_rootTree.Find(parts, 0, method) is { } root)
        {
            return new RouteMatch(root.Vendor, method, root.Template, Prefixed: false);
        }

        if (count > 1 && _byVendorLookup.TryGetValue(parts[0], out var name, out var tree) && tree.Find(parts, 1, method) is { } prefixed)
        {
            return new RouteMatch(vendors[name], method, prefixed.Template, Prefixed: true);
        }

        return null;
    }

    private static string[] Split(string path) => path.Split('/', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>Orders templates so that, segment by segment, a literal comes before a parameter.</summary>
    private static string Specificity(string[] segments) => new(segments.Select(s => IsParameter(s) ? '1' : '0').ToArray());

    private static bool IsParameter(string segment) => segment.StartsWith('{') && segment.EndsWith('}');

    /// <summary>One level of the route tree: the literal segments and the parameter that may follow, and the operations ending here by method.</summary>
    private sealed class RouteNode
    {
        private readonly Dictionary<string, RouteNode> _literals = new(StringComparer.Ordinal);
        private readonly Dictionary<string, (string Template, VendorContract Vendor)> _ends = new(StringComparer.Ordinal);
        private RouteNode? _parameter;
        private Dictionary<string, RouteNode>.AlternateLookup<ReadOnlySpan<char>>? _lookup;

        public void Add(string[] segments, int index, string method, string template, VendorContract vendor)
        {
            if (index == segments.Length)
            {
                _ends.TryAdd(method, (template, vendor));
                return;
            }

            RouteNode next;
            if (IsParameter(segments[index]))
            {
                next = _parameter ??= new RouteNode();
            }
            else if (!_literals.TryGetValue(segments[index], out next!))
            {
                next = new RouteNode();
                _literals[segments[index]] = next;
            }

            _lookup = null;
            next.Add(segments, index + 1, method, template, vendor);
        }

        /// <summary>The operation at the rest of the path, a literal segment tried before a parameter at every level.</summary>
        public (string Template, VendorContract Vendor)? Find(PathSegments path, int index, string method)
        {
            if (index == path.Count)
            {
                return _ends.TryGetValue(method, out var end) ? end : null;
            }

            var lookup = _lookup ??= _literals.GetAlternateLookup<ReadOnlySpan<char>>();
            if (lookup.TryGetValue(path[index], out var literal) && literal.Find(path, index + 1, method) is { } found)
            {
                return found;
            }

            return _parameter?.Find(path, index + 1, method);
        }
    }

    private readonly ref struct PathSegments(string path, ReadOnlySpan<Range> ranges)
    {
        private readonly ReadOnlySpan<Range> _ranges = ranges;

        public int Count => _ranges.Length;

        public ReadOnlySpan<char> this[int index] => path.AsSpan()[_ranges[index]];
    }

    private static bool Overlap(string[] a, string[] b) =>
        a.Length == b.Length && a.Zip(b).All(p => IsParameter(p.First) || IsParameter(p.Second) || p.First == p.Second);
}
