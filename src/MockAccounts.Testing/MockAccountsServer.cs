using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using MockAccounts.AspNetCore.Hosting;

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
    private readonly ILoggerFactory? _ownedLoggers;
    private int _disposed;

    private MockAccountsServer(WebApplication sockets, WebApplication inMemory, MockAccountsRuntime runtime, ILoggerFactory? ownedLoggers, Uri baseAddress, string? adminKey)
    {
        _sockets = sockets;
        _inMemory = inMemory;
        _runtime = runtime;
        _ownedLoggers = ownedLoggers;
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

    /// <summary>Every request received so far, oldest first (a copy of the journal: call it once per assertion).</summary>
    public IReadOnlyList<RecordedRequest> GetRequests() =>
        _runtime.Journal.Snapshot().Reverse().Select(RecordedRequest.From).ToArray();

    /// <summary>
    /// Starts the server: listens on a free loopback port while it loads and proves the contracts, and returns once both are done.
    /// </summary>
    /// <param name="configure">Adjusts the options; every one not set keeps the server's default.</param>
    /// <param name="cancellationToken">Stops a start that takes too long.</param>
    /// <exception cref="MockAccountsOptionsException">An option is out of range; the message names it.</exception>
    /// <exception cref="Core.Loading.ContractLoadException">A contract is broken; the message names file, JSON pointer and expectation.</exception>
    public static async Task<MockAccountsServer> StartAsync(Action<MockAccountsServerOptions>? configure = null, CancellationToken cancellationToken = default)
    {
        var options = new MockAccountsServerOptions();
        configure?.Invoke(options);
        options.ThrowIfInvalid();
        string[] loopback = ["--urls", "http://127.0.0.1:0"];
        var ownedLoggers = options.LoggerFactory is null ? WarningsToConsole() : null;
        var loggers = options.LoggerFactory ?? ownedLoggers!;
        // The first start in a test process is mostly JIT compilation on one thread: the contracts load on
        // another core while this one builds and starts both hosts, which need only the options until a request
        // comes, and no request can come before this returns (the port and the handler are not known yet).
        var loading = Task.Run(() => MockAccountsRuntime.CreateAsync(options, options.TimeProvider, cancellationToken), cancellationToken);
        var starting = new[]
        {
            MockAccountsHost.StartWhileLoadingAsync(MockAccountsHost.CreateBuilder(loopback), options, loading, options.HotReload, loggers, cancellationToken),
            MockAccountsHost.StartWhileLoadingAsync(InMemoryBuilder(loopback), options, loading, watchContracts: false, loggers, cancellationToken),
        };
        try
        {
            await Task.WhenAll(starting).ConfigureAwait(false);
        }
        catch
        {
            // A host that failed has disposed itself (and the runtime, once loaded); one that started goes too.
            foreach (var started in starting.Where(s => s.IsCompletedSuccessfully))
            {
                var host = await started.ConfigureAwait(false);
                await host.StopAsync(CancellationToken.None).ConfigureAwait(false);
                await host.DisposeAsync().ConfigureAwait(false);
            }

            ownedLoggers?.Dispose();
            throw;
        }

        var sockets = await starting[0].ConfigureAwait(false);
        var inMemory = await starting[1].ConfigureAwait(false);
        var runtime = await loading.ConfigureAwait(false);
        var address = sockets.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new MockAccountsServer(sockets, inMemory, runtime, ownedLoggers, new Uri(address.EndsWith('/') ? address : address + "/"), options.Admin.Key);
    }

    private static WebApplicationBuilder InMemoryBuilder(string[] args)
    {
        var builder = MockAccountsHost.CreateBuilder(args);
        builder.WebHost.UseTestServer();
        return builder;
    }

    /// <summary>Scenarios, token bindings, account edits, variants and the journal back to a fresh start.</summary>
    public Task ResetAsync(CancellationToken cancellationToken = default) => Admin.ResetAsync(cancellationToken);

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
        if (account.Credential.Kind == Core.Contracts.CredentialKind.ApiKeyQuery)
        {
            // A key in the query goes on every request's address, which a client's default headers cannot do.
            return new HttpClient(new QueryCredentialHandler(account) { InnerHandler = new SocketsHttpHandler() }, disposeHandler: true) { BaseAddress = BaseAddress };
        }

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

    /// <summary>Stops both servers (requests in flight get <see cref="MockAccountsOptions.ShutdownTimeout"/>) and releases the contracts.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        Admin.Dispose();
        _adminHttp.Dispose();
        await _sockets.StopAsync().ConfigureAwait(false);
        await _inMemory.StopAsync().ConfigureAwait(false);
        await _sockets.DisposeAsync().ConfigureAwait(false);
        await _inMemory.DisposeAsync().ConfigureAwait(false);
        _runtime.Dispose();
        _ownedLoggers?.Dispose();
    }

    private static ILoggerFactory WarningsToConsole() => LoggerFactory.Create(logging => logging
        .SetMinimumLevel(LogLevel.Warning)
        .AddSimpleConsole(console => console.SingleLine = true));
}
