using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using MockAccounts.Server.Hosting;

namespace MockAccounts.Testing;

/// <summary>
/// MockAccounts in-process: the real Kestrel server on a free loopback port for code that takes a
/// base URL, and an in-memory twin over the same state for the fastest tests. One per assembly
/// (an NUnit <c>[SetUpFixture]</c>), isolated accounts per test.
/// </summary>
public sealed class MockAccountsServer : IAsyncDisposable
{
    private readonly WebApplication _sockets;
    private readonly WebApplication _inMemory;
    private readonly MockAccountsRuntime _runtime;
    private readonly HttpClient _adminHttp;
    private int _disposed;

    private MockAccountsServer(WebApplication sockets, WebApplication inMemory, MockAccountsRuntime runtime, Uri baseAddress, string? adminKey)
    {
        _sockets = sockets;
        _inMemory = inMemory;
        _runtime = runtime;
        BaseAddress = baseAddress;
        _adminHttp = new HttpClient(CreateHandler()) { BaseAddress = baseAddress };
        Admin = new MockAccountsAdminClient(_adminHttp, adminKey);
    }

    /// <summary>Where the mock listens, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri BaseAddress { get; }

    /// <summary>
    /// The web dashboard of this server, e.g. <c>http://127.0.0.1:41234/__admin/</c>: open it while a test is
    /// stopped at a breakpoint to see the journal and switch scenarios by hand.
    /// </summary>
    public Uri DashboardAddress => new(BaseAddress, "__admin/");

    /// <summary>The typed admin API of this server (in memory: no sockets).</summary>
    public MockAccountsAdminClient Admin { get; }

    /// <summary>Every request received so far, oldest first.</summary>
    public IReadOnlyList<RecordedRequest> Requests =>
        _runtime.Journal.Snapshot().Reverse().Select(RecordedRequest.From).ToArray();

    public static async Task<MockAccountsServer> StartAsync(Action<MockAccountsServerOptions>? configure = null, CancellationToken cancellationToken = default)
    {
        var options = new MockAccountsServerOptions();
        configure?.Invoke(options);
        var builder = MockAccountsHost.CreateBuilder(options.ToArguments());
        var runtime = await MockAccountsRuntime.CreateAsync(MockAccountsHost.ReadOptions(builder.Configuration), cancellationToken);
        var sockets = MockAccountsHost.Build(builder, runtime, watchContracts: options.HotReload);
        var twin = MockAccountsHost.CreateBuilder(options.ToArguments());
        twin.WebHost.UseTestServer();
        var inMemory = MockAccountsHost.Build(twin, runtime, watchContracts: false);
        try
        {
            await sockets.StartAsync(cancellationToken);
            await inMemory.StartAsync(cancellationToken);
        }
        catch
        {
            await sockets.DisposeAsync();
            await inMemory.DisposeAsync();
            runtime.Dispose();
            throw;
        }

        var address = sockets.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new MockAccountsServer(sockets, inMemory, runtime, new Uri(address.EndsWith('/') ? address : address + "/"), options.AdminKey);
    }

    /// <summary>A vendor's accounts: <c>await mock.Vendor("depicta").CreateAccountAsync("unverified-email")</c>.</summary>
    public VendorAccounts Vendor(string name)
    {
        var vendor = _runtime.Contracts.Current.Contracts.Find(name)
            ?? throw new ArgumentException($"Unknown vendor '{name}' (vendors: {string.Join(", ", _runtime.Contracts.Current.Contracts.Vendors.Keys)}).", nameof(name));
        return new VendorAccounts(vendor.Name, Admin, _runtime);
    }

    /// <summary>An in-memory handler: the same pipeline and state as the socket server, without sockets.</summary>
    public HttpMessageHandler CreateHandler() => new ConnectionLikeHandler(_inMemory.GetTestServer().CreateHandler());

    /// <summary>A socket client for one account: the mock's base address and the account's credentials.</summary>
    public HttpClient CreateClient(MockAccount account)
    {
        ArgumentNullException.ThrowIfNull(account);
        var client = new HttpClient { BaseAddress = BaseAddress };
        account.Authorize(client.DefaultRequestHeaders);
        return client;
    }

    /// <summary>The same, naming the vendor (checked against the account's).</summary>
    public HttpClient CreateClient(string vendor, MockAccount account)
    {
        ArgumentNullException.ThrowIfNull(account);
        return account.Vendor == vendor
            ? CreateClient(account)
            : throw new ArgumentException($"The account belongs to '{account.Vendor}', not '{vendor}'.", nameof(vendor));
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        Admin.Dispose();
        _adminHttp.Dispose();
        await _sockets.StopAsync();
        await _inMemory.StopAsync();
        await _sockets.DisposeAsync();
        await _inMemory.DisposeAsync();
        _runtime.Dispose();
    }
}
