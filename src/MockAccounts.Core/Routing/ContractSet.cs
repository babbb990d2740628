using MockAccounts.Core.Contracts;

namespace MockAccounts.Core.Routing;

/// <summary>Every vendor that loaded, with the routes to their operations. Immutable.</summary>
public sealed class ContractSet
{
    private readonly RouteTable _routes;
    private readonly string[] _methods;

    /// <summary>Indexes the routes of every variant of <paramref name="vendors"/>, keyed by vendor name.</summary>
    /// <param name="vendors">The loaded vendors by name.</param>
    public ContractSet(IReadOnlyDictionary<string, VendorContract> vendors)
    {
        Vendors = vendors;
        _routes = new RouteTable(vendors.Values);
        _methods = vendors.Values.SelectMany(v => v.Variants.Values).SelectMany(v => v.Operations).Select(o => o.Method).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        var locations = vendors.Values
            .SelectMany(v => v.Variants.Values)
            .SelectMany(v => v.Operations)
            .SelectMany(o => o.Security.SelectMany(alternative => alternative))
            .ToArray();
        CredentialHeaders = locations.Where(l => l.Kind != CredentialKind.ApiKeyQuery).Select(l => l.HeaderName).ToHashSet(StringComparer.OrdinalIgnoreCase);
        CredentialQueryParameters = locations.Where(l => l.Kind == CredentialKind.ApiKeyQuery).Select(l => l.HeaderName).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>Every header any operation reads a credential from, as the contracts' security schemes declare (case-insensitive).</summary>
    public IReadOnlySet<string> CredentialHeaders { get; }

    /// <summary>Every query parameter any operation reads a credential from (<c>apiKey</c> <c>in: query</c>; case-sensitive, as query names are).</summary>
    public IReadOnlySet<string> CredentialQueryParameters { get; }

    /// <summary>The loaded vendors by name.</summary>
    public IReadOnlyDictionary<string, VendorContract> Vendors { get; }

    /// <summary>Root paths claimed by more than one vendor (reported at start-up, not fatal).</summary>
    public IReadOnlyList<string> RouteConflicts => _routes.Conflicts;

    /// <summary>The vendor operation that answers <paramref name="method"/> at <paramref name="path"/> (root or <c>/&lt;vendor&gt;/…</c>); null when none does.</summary>
    /// <param name="method">The HTTP method, upper case.</param>
    /// <param name="path">The request path without its query string.</param>
    public RouteMatch? Match(string method, string path) => _routes.Match(method, path, Vendors);

    /// <summary>The methods some operation answers at <paramref name="path"/>, HEAD wherever GET: what a 405's <c>Allow</c> lists.</summary>
    public IReadOnlyList<string> MethodsAt(string path)
    {
        var methods = _methods.Where(m => Match(m, path) is not null).ToList();
        if (methods.Contains(HeadAnswersAs))
        {
            methods.Insert(methods.IndexOf(HeadAnswersAs) + 1, "HEAD");
        }

        return methods;
    }

    /// <summary>HEAD is answered as this method with the body left out.</summary>
    public const string HeadAnswersAs = "GET";

    /// <summary>The vendor of that name, or null when no such vendor loaded.</summary>
    /// <param name="vendor">The vendor name, as its contract folder is named.</param>
    public VendorContract? Find(string vendor) => Vendors.GetValueOrDefault(vendor);
}
