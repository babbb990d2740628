using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using MockAccounts.AspNetCore.Hosting;
using MockAccounts.AspNetCore.Journal;

namespace MockAccounts.Tool.Tests;

/// <summary>MockAccounts itself on a free loopback port, serving the repository's contracts.</summary>
internal sealed class MockServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private MockServer(WebApplication app, string url)
    {
        _app = app;
        Url = url;
    }

    public string Url { get; }

    /// <param name="args">Server settings, e.g. <c>--MockAccounts:Variants:opterius v2.7.0</c>.</param>
    public static async Task<MockServer> StartAsync(params string[] args)
    {
        var app = await MockAccountsHost.StartAsync(
        [
            "--urls", "http://127.0.0.1:0",
            "--MockAccounts:Contracts", Repository.Root,
            "--MockAccounts:HotReload", "false",
            "--MockAccounts:RequestLog", "false",
            "--Logging:LogLevel:Default", "Warning",
            .. args,
        ]);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return new MockServer(app, address.TrimEnd('/'));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
