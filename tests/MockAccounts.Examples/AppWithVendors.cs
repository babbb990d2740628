using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using MockAccounts.AspNetCore.Hosting;

namespace MockAccounts.Examples;

/// <summary>The team's application under WebApplicationFactory, with the vendors mounted inside it.</summary>
public sealed class AppWithVendors : WebApplicationFactory<Program>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder) =>
        builder.ConfigureTestServices(services =>
        {
            services.AddMockAccounts(o => o.RequestLog = false);
            services.AddTransient<IStartupFilter, MountVendors>();
            // The app's Runloop client keeps its production address; its requests stay in memory.
            services.AddHttpClient("runloop").ConfigurePrimaryHttpMessageHandler(() => Server.CreateHandler());
        });

    /// <summary>The vendors ahead of the app's own endpoints, the admin API beside them.</summary>
    private sealed class MountVendors : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.UseMockAccounts();
            app.UseRouting();
            app.UseEndpoints(endpoints => endpoints.MapMockAccounts());
            next(app);
        };
    }
}
