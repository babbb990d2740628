using MockAccounts.AspNetCore.Admin;
using MockAccounts.AspNetCore.Vendors;

namespace MockAccounts.AspNetCore.Hosting;

/// <summary>Puts MockAccounts in an application's request pipeline.</summary>
public static class MockAccountsApplicationBuilderExtensions
{
    /// <summary>
    /// Answers the vendors' requests: a request whose method and path a vendor contract documents (at its real path
    /// or under <c>/&lt;vendor&gt;/</c>), or that a stub mapping matches, gets the mock's answer, and is journaled.
    /// Every other request goes on down the pipeline to the application's own endpoints, untouched (its body unread),
    /// and is not journaled. Put it before the endpoints it should take precedence over; it also holds requests that
    /// arrive while the contracts still load. Needs <see cref="MockAccountsServiceCollectionExtensions.AddMockAccounts"/>.
    /// </summary>
    /// <param name="app">The application's pipeline.</param>
    /// <returns><paramref name="app"/>, for chaining.</returns>
    /// <exception cref="InvalidOperationException">MockAccounts' services were not added.</exception>
    public static IApplicationBuilder UseMockAccounts(this IApplicationBuilder app) => app.UseMockAccounts(answerUnmatched: false);

    /// <param name="app">The pipeline.</param>
    /// <param name="answerUnmatched">
    /// On a host of our own, a request no vendor and no stub answers gets the mock's 404 problem (and is journaled as
    /// not matched); mounted in an application, it goes on to the application.
    /// </param>
    internal static IApplicationBuilder UseMockAccounts(this IApplicationBuilder app, bool answerUnmatched)
    {
        ArgumentNullException.ThrowIfNull(app);
        MockAccountsMarker.From(app.ApplicationServices, nameof(UseMockAccounts)).MiddlewareAdded = true;
        if (answerUnmatched)
        {
            // First, on a host of our own, so no request can end in an empty, unrecorded 500. Mounted in an application,
            // its own error handling stays in charge of its pipeline (the vendor handler answers its own failures).
            app.UseMiddleware<UnhandledExceptionMiddleware>();
        }

        app.UseMiddleware<WaitForContractsMiddleware>();
        app.UseMiddleware<AdminBodyLimitMiddleware>();
        app.UseMiddleware<VendorRequestMiddleware>(answerUnmatched);
        return app;
    }
}
