using MockAccounts.AspNetCore.Admin;

namespace MockAccounts.AspNetCore.Vendors;

/// <summary>
/// Sends every request outside <c>/__admin</c> (and the bare root) to the vendor handler first: vendor requests
/// skip endpoint routing, the pipeline has its own route table. What no vendor answers goes on down the pipeline,
/// or gets the mock's 404 on a host of our own.
/// </summary>
internal sealed class VendorRequestMiddleware
{
    private readonly RequestDelegate _next;
    private readonly IServiceProvider _services;
    private readonly RequestDelegate? _unmatched;
    private VendorRequestHandler? _handler;

    /// <param name="next">The rest of the pipeline: admin endpoints, and a mounting application's own.</param>
    /// <param name="services">The host's services; the handler is resolved on the first vendor request, as the runtime it needs may still be loading when the pipeline is built.</param>
    /// <param name="answerUnmatched">Whether a request no vendor answers gets the mock's 404 (a host of our own) or goes on (mounted).</param>
    public VendorRequestMiddleware(RequestDelegate next, IServiceProvider services, bool answerUnmatched)
    {
        _next = next;
        _services = services;
        _unmatched = answerUnmatched ? null : next;
    }

    public Task InvokeAsync(HttpContext context) =>
        context.Request.Path.StartsWithSegments(AdminRoutes.Prefix) || context.Request.Path == "/"
            ? _next(context)
            : (_handler ??= _services.GetRequiredService<VendorRequestHandler>()).HandleAsync(context, _unmatched);
}
