using MockAccounts.AspNetCore.Admin;

namespace MockAccounts.AspNetCore.Hosting;

/// <summary>Maps MockAccounts' admin API into an application's endpoints.</summary>
public static class MockAccountsEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps the admin API and the dashboard under <c>/__admin</c> (WireMock's admin paths and MockAccounts' own;
    /// <c>/__admin/openapi.json</c> describes them). Its catch-all answers every other <c>/__admin</c> path.
    /// Needs <see cref="MockAccountsServiceCollectionExtensions.AddMockAccounts"/> and
    /// <see cref="MockAccountsApplicationBuilderExtensions.UseMockAccounts(IApplicationBuilder)"/> (the start fails without it).
    /// </summary>
    /// <param name="endpoints">The application's endpoints.</param>
    /// <returns>The group of every admin endpoint, for conventions such as <c>RequireAuthorization()</c> or <c>RequireHost(…)</c>.</returns>
    /// <exception cref="InvalidOperationException">MockAccounts' services were not added.</exception>
    public static IEndpointConventionBuilder MapMockAccounts(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        MockAccountsMarker.From(endpoints.ServiceProvider, nameof(MapMockAccounts)).EndpointsMapped = true;
        return endpoints.MapAdmin();
    }
}
