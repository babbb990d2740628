using MockAccounts.AspNetCore.Admin;

namespace MockAccounts.AspNetCore.Vendors;

/// <summary>
/// Sends every request outside <c>/__admin</c> (and the bare root, which leads a person to the dashboard)
/// straight to the vendor handler: vendor requests skip endpoint routing, the pipeline has its own route table.
/// </summary>
internal sealed class VendorRequestMiddleware
{
    private readonly RequestDelegate _next;
    private readonly IServiceProvider _services;
    private VendorRequestHandler? _handler;

    /// <param name="next">The rest of the pipeline: admin endpoints.</param>
    /// <param name="services">The host's services; the handler is resolved on the first vendor request, as the runtime it needs may still be loading when the pipeline is built.</param>
    public VendorRequestMiddleware(RequestDelegate next, IServiceProvider services)
    {
        _next = next;
        _services = services;
    }

    public Task InvokeAsync(HttpContext context) =>
        context.Request.Path.StartsWithSegments(AdminRoutes.Prefix) || context.Request.Path == "/"
            ? _next(context)
            : (_handler ??= _services.GetRequiredService<VendorRequestHandler>()).HandleAsync(context);
}
