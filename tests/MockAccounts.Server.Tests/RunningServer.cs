using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using MockAccounts.Core.Runtime;
using MockAccounts.AspNetCore.Hosting;
using MockAccounts.Redis;
using MockAccounts.Tests.Support;

namespace MockAccounts.Server.Tests;

/// <summary>The real server on a free loopback port, with a client that validates every vendor response.</summary>
public sealed class RunningServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private RunningServer(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
        Contracts = app.Services.GetRequiredService<ContractStore>();
        Client = NewClient();
    }

    public Uri Address { get; }

    public ContractStore Contracts { get; }

    public IServiceProvider Services => _app.Services;

    /// <summary>An HTTP/1.1 client; every vendor response it receives is checked against its contract.</summary>
    public HttpClient Client { get; }

    public static Task<RunningServer> StartAsync(string? contractsRoot = null, params string[] args) => StartAsync(contractsRoot, null, args);

    /// <summary>A replica sharing its state through <paramref name="redis"/> under <paramref name="prefix"/> (MockAccounts.Redis, as the server executable adds it).</summary>
    public static Task<RunningServer> StartSharingAsync(string redis, string prefix, params string[] args) =>
        StartAsync(null, null, ["--MockAccounts:State:Redis", redis, "--MockAccounts:State:Prefix", prefix, .. args]);

    /// <summary>A server whose stub delays and templates run on <paramref name="time"/> (a fake clock lets tests skip waiting); it does not watch the contracts.</summary>
    public static Task<RunningServer> StartWithClockAsync(TimeProvider time, params string[] args) => StartAsync(null, time, ["--MockAccounts:HotReload", "false", .. args]);

    private static async Task<RunningServer> StartAsync(string? contractsRoot, TimeProvider? time, string[] args)
    {
        var app = await MockAccountsHost.StartAsync(
        [
            "--urls", "http://127.0.0.1:0",
            "--MockAccounts:Contracts", contractsRoot ?? Repository.Root,
            "--MockAccounts:ReferenceTime", "2026-11-22T00:00:00Z",
            "--Logging:LogLevel:Default", "Warning",
            .. args,
        ], builder =>
        {
            builder.Services.AddMockAccountsRedis();
            if (time is not null)
            {
                builder.Services.AddSingleton(time);
            }
        });
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return new RunningServer(app, new Uri(address));
    }

    public HttpClient NewClient(Version? version = null)
    {
        var client = new HttpClient(new ContractCheckingHandler(Contracts) { InnerHandler = new SocketsHttpHandler() }) { BaseAddress = Address };
        if (version is not null)
        {
            client.DefaultRequestVersion = version;
            client.DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact;
        }

        return client;
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
