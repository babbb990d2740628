using MockAccounts.Core.Routing;

namespace MockAccounts.Core.Contracts;

/// <summary>Every vendor that loaded, with the routes to their operations. Immutable.</summary>
public sealed class ContractSet
{
    private readonly RouteTable _routes;

    public ContractSet(IReadOnlyDictionary<string, VendorContract> vendors)
    {
        Vendors = vendors;
        _routes = new RouteTable(vendors.Values);
    }

    public IReadOnlyDictionary<string, VendorContract> Vendors { get; }

    /// <summary>Root paths claimed by more than one vendor (reported at start-up, not fatal).</summary>
    public IReadOnlyList<string> RouteConflicts => _routes.Conflicts;

    public RouteMatch? Match(string method, string path) => _routes.Match(method, path, Vendors);

    public VendorContract? Find(string vendor) => Vendors.GetValueOrDefault(vendor);
}
