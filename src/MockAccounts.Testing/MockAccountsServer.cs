using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MockAccounts.AspNetCore;
using MockAccounts.AspNetCore.Hosting;
using MockAccounts.AspNetCore.Journal;
using MockAccounts.Redis;
using MockAccounts.Core;
using MockAccounts.Core.Runtime;

namespace MockAccounts.Testing;

/// <summary>
/// MockAccounts in-process: the real Kestrel server on a free loopback port for code that takes a
/// base URL, and an in-memory twin over the same state for the fastest tests. One per assembly
/// (an NUnit <c>[SetUpFixture]</c>), isolated accounts per test.
/// </summary>
public sealed class MockAccountsServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly TestServer _inMemory;
    private readonly ContractStore _contracts;
    private readonly MockPipeline _pipeline;
    private readonly RequestJournal _journal;
    private readonly HttpClient _adminHttp;
    private int _disposed;

    private MockAccountsServer(WebApplication app)
    {
        _app = app;
        _inMemory = ((TwinServer)app.Services.GetRequiredService<IServer>()).InMemory;
        _contracts = app.Services.GetRequiredService<ContractStore>();
        _pipeline = app.Services.GetRequiredService<MockPipeline>();
        _journal = app.Services.GetRequiredService<RequestJournal>();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseAddress = new Uri(address.EndsWith('/') ? address : address + "/");
        _adminHttp = new HttpClient(CreateHandler()) { BaseAddress = BaseAddress };
        Admin = new MockAccountsAdminClient(_adminHttp, app.Services.GetRequiredService<IOptions<MockAccountsOptions>>().Value.Admin.Key);
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

    /// <summary>
    /// Every request received so far, oldest first (a copy of the journal: call it once per assertion). With
    /// parallel tests this holds every test's requests; assert on <see cref="GetRequests(MockAccount)"/> instead.
    /// </summary>
    public IReadOnlyList<RecordedRequest> GetRequests() =>
        _journal.Snapshot().Reverse().Select(RecordedRequest.From).ToArray();

    /// <summary>
    /// The requests made with <paramref name="account"/>'s credentials, oldest first: the journal as one test sees it,
    /// whatever other tests run beside it (<c>mock.GetRequests(account).Should().ContainSingle(r =&gt; r.Path == "/v1/accounts/me")</c>).
    /// </summary>
    /// <param name="account">An account from <see cref="VendorAccounts.CreateAccountAsync(string?, CancellationToken)"/>.</param>
    public IReadOnlyList<RecordedRequest> GetRequests(MockAccount account)
    {
        ArgumentNullException.ThrowIfNull(account);
        return _journal.Snapshot().Where(e => e.Vendor == account.Vendor && e.Token == account.Token).Reverse().Select(RecordedRequest.From).ToArray();
    }

    /// <summary>
    /// Starts the server: listens on a free loopback port while it loads and proves the contracts, and returns once both are done.
    /// Options are the server's: the <c>MockAccounts</c> section of the test project's configuration (<c>appsettings.json</c>
    /// beside the test assembly, <c>MockAccounts__*</c> environment variables), then <paramref name="configure"/>.
    /// </summary>
    /// <param name="configure">Adjusts the options; every one not set keeps the server's default (or the configuration's value).</param>
    /// <param name="cancellationToken">Stops a start that takes too long.</param>
    /// <exception cref="OptionsValidationException">A setting is unknown, malformed or out of range; each failure names it.</exception>
    /// <exception cref="Core.Loading.ContractLoadException">A contract is broken; the message names file, JSON pointer and expectation.</exception>
    public static async Task<MockAccountsServer> StartAsync(Action<MockAccountsServerOptions>? configure = null, CancellationToken cancellationToken = default)
    {
        var app = await MockAccountsHost.StartAsync(["--urls", "http://127.0.0.1:0"], builder => Configure(builder, configure), cancellationToken).ConfigureAwait(false);
        return new MockAccountsServer(app);
    }

    /// <summary>The server's host, as a fixture: its options type, the test's logger and clock, and an in-memory twin of Kestrel.</summary>
    private static void Configure(WebApplicationBuilder builder, Action<MockAccountsServerOptions>? configure)
    {
        builder.Services.AddSingleton<IOptionsFactory<MockAccountsOptions>, FixtureOptionsFactory>();
        // o.State.Redis shares the fixture's state with every replica (fixture or server) on that Redis.
        builder.Services.AddMockAccountsRedis();
        if (configure is not null)
        {
            builder.Services.Configure<MockAccountsOptions>(options => configure((MockAccountsServerOptions)options));
        }

        builder.Services.AddSingleton<IPostConfigureOptions<MockAccountsOptions>, ContractFolders>();
        // Both are known once the options are made, which is after this: the host resolves them from the options.
        builder.Services.AddSingleton(services => Options(services).TimeProvider);
        builder.Services.AddSingleton(services => Options(services).LoggerFactory is { } given
            ? new BorrowedLoggerFactory(given)
            : LoggerFactory.Create(logging => logging.SetMinimumLevel(LogLevel.Warning).AddSimpleConsole(console => console.SingleLine = true)));
        var sockets = builder.Services.Last(d => d.ServiceType == typeof(IServer));
        builder.Services.AddSingleton<IServer>(services => new TwinServer(
            (IServer)ActivatorUtilities.CreateInstance(services, sockets.ImplementationType!), new TestServer(services)));
    }

    private static MockAccountsServerOptions Options(IServiceProvider services) =>
        (MockAccountsServerOptions)services.GetRequiredService<IOptions<MockAccountsOptions>>().Value;

    /// <summary>Scenarios, token bindings, account edits, variants and the journal back to a fresh start.</summary>
    public Task ResetAsync(CancellationToken cancellationToken = default) => Admin.ResetAsync(cancellationToken);

    /// <summary>A vendor's accounts: <c>await mock.Vendor("depicta").CreateAccountAsync("unverified-email")</c>.</summary>
    public VendorAccounts Vendor(string name)
    {
        var vendors = _contracts.Current.Contracts;
        var vendor = vendors.Find(name)
            ?? throw new ArgumentException($"Unknown vendor '{name}' (vendors: {string.Join(", ", vendors.Vendors.Keys)}).{ClosestName.DidYouMean(name, vendors.Vendors.Keys)}", nameof(name));
        return new VendorAccounts(vendor.Name, _app.Services.GetRequiredService<MockAdmin>());
    }

    /// <summary>An in-memory handler: the same pipeline and state as the socket server, without sockets.</summary>
    public HttpMessageHandler CreateHandler() => new ConnectionLikeHandler(_inMemory.CreateHandler());

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
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }
}
