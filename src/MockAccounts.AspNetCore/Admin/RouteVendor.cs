using MockAccounts.Core.Contracts;
using MockAccounts.Core.Responses;
using MockAccounts.Core.Runtime;

namespace MockAccounts.AspNetCore.Admin;

/// <summary>
/// The <c>{vendor}</c> of an admin route, resolved once while the request is bound. An unknown
/// vendor never reaches a handler: <see cref="RouteVendorFilter"/> answers its problem.
/// </summary>
internal sealed class RouteVendor
{
    private readonly VendorContract? _contract;

    private RouteVendor(VendorContract? contract, Problem? problem)
    {
        _contract = contract;
        Problem = problem;
    }

    public VendorContract Contract => _contract ?? throw new InvalidOperationException("an unknown vendor reached an admin handler; the route group needs RouteVendorFilter");

    public Problem? Problem { get; }

    public static ValueTask<RouteVendor> BindAsync(HttpContext context)
    {
        var found = context.RequestServices.GetRequiredService<MockAdmin>().FindVendor(RouteValues.Decoded(context, "vendor"));
        return ValueTask.FromResult(new RouteVendor(found.Value, found.Problem));
    }
}
