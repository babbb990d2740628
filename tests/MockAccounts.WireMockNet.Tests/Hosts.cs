using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Time.Testing;
using MockAccounts.Core.Runtime;
using MockAccounts.Server.Tests;
using MockAccounts.Testing;
using WireMock.Server;
using WireMock.Settings;

namespace MockAccounts.WireMockNet.Tests;

/// <summary>
/// One WireMock.Net server carrying the vendors and one MockAccounts server of our own, with the same seed, reference
/// time and fake clock, for the whole assembly. Tests that switch a whole vendor start a WireMock.Net server of their own.
/// </summary>
[SetUpFixture]
public sealed class Hosts
{
    public const int Seed = 7;
    public const string ReferenceTime = "2026-11-22T00:00:00Z";

    public static FakeTimeProvider Clock { get; } = new();

    public static WireMockServer WireMock { get; private set; } = null!;

    public static MockAccountsOnWireMock OnWireMock { get; private set; } = null!;

    public static MockAccountsServer Ours { get; private set; } = null!;

    /// <summary>The contracts both hosts serve, for checking every response.</summary>
    public static ContractStore Contracts { get; private set; } = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        Ours = await MockAccountsServer.StartAsync(o => (o.Seed, o.ReferenceTime, o.TimeProvider) = (Seed, ReferenceTime, Clock));
        (WireMock, OnWireMock) = await StartWireMockAsync();
        Contracts = await ContractStore.LoadAsync(new MockEngineOptions().Sources(), new Core.Generation.GenerationOptions(Seed, DateTimeOffset.Parse(ReferenceTime, System.Globalization.CultureInfo.InvariantCulture)), CancellationToken.None);
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        OnWireMock?.Dispose();
        WireMock?.Stop();
        WireMock?.Dispose();
        Contracts?.Dispose();
        if (Ours is not null)
        {
            await Ours.DisposeAsync();
        }
    }

    /// <summary>A WireMock.Net server on a free loopback port, its admin interface on, carrying the vendors.</summary>
    public static async Task<(WireMockServer Server, MockAccountsOnWireMock Mock)> StartWireMockAsync(Action<MockAccountsWireMockOptions>? configure = null)
    {
        var server = WireMockServer.Start(new WireMockServerSettings { Urls = [$"http://127.0.0.1:{FreePort()}"], StartAdminInterface = true });
        try
        {
            var mock = await server.AddMockAccountsAsync(o =>
            {
                (o.Seed, o.ReferenceTime, o.TimeProvider) = (Seed, ReferenceTime, Clock);
                configure?.Invoke(o);
            });
            return (server, mock);
        }
        catch
        {
            server.Stop();
            server.Dispose();
            throw;
        }
    }

    /// <summary>A client of <paramref name="server"/> that checks every response against its contract.</summary>
    public static HttpClient Client(WireMockServer server) => Client(new Uri(server.Url!));

    public static HttpClient Client(Uri address) =>
        new(new ContractCheckingHandler(Contracts) { InnerHandler = new SocketsHttpHandler() }) { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) };

    /// <summary>
    /// Sends a request and moves the shared fake clock on while it waits on a scenario delay (both hosts use it).
    /// </summary>
    public static async Task<T> AdvancingClockAsync<T>(Func<Task<T>> send)
    {
        var sending = send();
        while (!sending.IsCompleted)
        {
            Clock.Advance(TimeSpan.FromSeconds(1));
            await Task.WhenAny(sending, Task.Delay(1));
        }

        return await sending;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
