namespace MockAccounts.AspNetCore.Admin;

/// <summary>Everything under <c>/__admin</c>: the dashboard, health, WireMock's calls (stub mappings included), our own, the API's description, and the catch-all.</summary>
internal static class AdminApi
{
    /// <returns>The group of every admin endpoint, for conventions an application adds (authorization, host filters).</returns>
    public static RouteGroupBuilder MapAdmin(this IEndpointRouteBuilder endpoints)
    {
        var open = endpoints.MapGroup(AdminRoutes.Prefix).AddEndpointFilter<PrettyJsonFilter>().AddEndpointFilter<SharedStateFilter>();
        ((IEndpointConventionBuilder)open).Add(AnswerHeadWhereGet);
        var admin = open.MapDashboard().MapWireMockAdmin().MapStubMappingAdmin().MapVendorAdmin();
        admin.MapAdminOpenApi();
        admin.MapAdminFallback();
        return open;
    }

    /// <summary>HEAD is answered wherever GET is (Kestrel sends the headers and leaves the body out).</summary>
    internal static void AnswerHeadWhereGet(EndpointBuilder endpoint)
    {
        if (endpoint.Metadata.OfType<IHttpMethodMetadata>().LastOrDefault() is { } methods
            && methods.HttpMethods.Contains(HttpMethods.Get, StringComparer.OrdinalIgnoreCase)
            && !methods.HttpMethods.Contains(HttpMethods.Head, StringComparer.OrdinalIgnoreCase))
        {
            endpoint.Metadata.Add(new HttpMethodMetadata([.. methods.HttpMethods, HttpMethods.Head], methods.AcceptCorsPreflight));
        }
    }
}
