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

    private readonly Dictionary<string, List<(string Method, string[] Segments, string Template)>> _byVendor = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<(string Method, string[] Segments, string Template)>>.AlternateLookup<ReadOnlySpan<char>> _byVendorLookup;

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
            _byVendor[vendor.Name] = routes;
            foreach (var (method, segments, template) in routes)
            {
                if (segments.Length >= MaxSegments)
                {
                    conflicts.Add($"{method} {template}: deeper than {MaxSegments - 1} segments; never matched");
                    continue;
                }

                var owner = _root.FirstOrDefault(r => r.Method == method && r.Vendor != vendor && Overlap(r.Segments, segments));
                if (owner.Vendor is not null)
                {
                    conflicts.Add($"{method} {template}: claimed by '{owner.Vendor.Name}' and '{vendor.Name}'; '{owner.Vendor.Name}' answers at the root, both answer under their prefix (/{owner.Vendor.Name}{owner.Template}, /{vendor.Name}{template})");
                    continue;
                }

                _root.Add((method, segments, template, vendor));
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
        foreach (var route in _root)
        {
            if (route.Method == method && Matches(route.Segments, parts, 0))
            {
                return new RouteMatch(route.Vendor, method, route.Template, Prefixed: false);
            }
        }

        if (count > 1 && _byVendorLookup.TryGetValue(parts[0], out var name, out var routes))
        {
            foreach (var route in routes)
            {
                if (route.Method == method && Matches(route.Segments, parts, 1))
                {
                    return new RouteMatch(vendors[name], method, route.Template, Prefixed: true);
                }
            }
        }

        return null;
    }

    private static string[] Split(string path) => path.Split('/', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>Orders templates so that, segment by segment, a literal comes before a parameter.</summary>
    private static string Specificity(string[] segments) => new(segments.Select(s => IsParameter(s) ? '1' : '0').ToArray());

    private static bool IsParameter(string segment) => segment.StartsWith('{') && segment.EndsWith('}');

    private static bool Matches(string[] template, PathSegments path, int offset)
    {
        if (path.Count - offset != template.Length)
        {
            return false;
        }

        for (var i = 0; i < template.Length; i++)
        {
            if (!IsParameter(template[i]) && !path[i + offset].SequenceEqual(template[i]))
            {
                return false;
            }
        }

        return true;
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
