using MockAccounts.AspNetCore.Http;

namespace MockAccounts.AspNetCore.Admin;

/// <summary>
/// Admin endpoints may not read a body over <see cref="MockAccountsOptions.MaxBodyBytes"/> at all: a declared
/// one gets the 413 problem before any endpoint binds it. Vendor requests get (and journal) their 413 in the handler.
/// </summary>
internal sealed class AdminBodyLimitMiddleware
{
    private readonly RequestDelegate _next;
    private readonly int _limit;

    public AdminBodyLimitMiddleware(RequestDelegate next, MockAccountsOptions options)
    {
        _next = next;
        _limit = options.MaxBodyBytes;
    }

    public Task InvokeAsync(HttpContext context) =>
        context.Request.ContentLength > _limit && context.Request.Path.StartsWithSegments(AdminRoutes.Prefix)
            ? Problems.TooLarge(context, _limit)
            : _next(context);
}
