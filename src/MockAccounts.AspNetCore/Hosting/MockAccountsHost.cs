using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using MockAccounts.AspNetCore.Admin;
using MockAccounts.Core.Loading;

namespace MockAccounts.AspNetCore.Hosting;

/// <summary>
/// MockAccounts as a server of its own: <see cref="StartAsync"/> builds and starts one (the server executable, the
/// tool and the NUnit fixture all start theirs with it); <see cref="RunAsync(string[])"/> is the program around it, with exit codes.
/// To mount the vendors inside an application of your own instead, see <see cref="MockAccountsServiceCollectionExtensions.AddMockAccounts"/>.
/// </summary>
public static class MockAccountsHost
{
    /// <summary>Where the server listens when neither <c>--urls</c> nor <c>ASPNETCORE_URLS</c> (nor <c>ASPNETCORE_HTTP_PORTS</c>) says.</summary>
    public const string DefaultUrl = "http://localhost:8080";

    /// <summary>
    /// The flag that loads and proves the contracts, remembers the proof (see <see cref="ProofCache"/>) and exits
    /// without serving: an image build runs it so that its containers start on a cached proof.
    /// </summary>
    internal const string ProveFlag = "--prove";

    /// <summary>
    /// Builds and starts a MockAccounts server: Kestrel with HTTP/1.1 and HTTP/2 cleartext on one port, every vendor at
    /// its real path and under <c>/&lt;vendor&gt;/</c>, the admin API and dashboard under <c>/__admin</c> (the bare root
    /// leads there), and the mock's 404 problem for anything else. Options come from the <c>MockAccounts</c>
    /// configuration section (<c>appsettings.json</c> beside the binary, <c>MockAccounts__*</c> environment variables,
    /// <c>--MockAccounts:*</c> in <paramref name="args"/>), then from <paramref name="configure"/>. The server listens
    /// while its contracts load; the returned task completes once they are in.
    /// </summary>
    /// <param name="args">Command-line arguments: <c>--urls</c>, <c>--MockAccounts:*</c>, any other host setting.</param>
    /// <param name="configure">
    /// Adjusts the builder after MockAccounts' defaults: options in code with
    /// <c>builder.Services.Configure&lt;MockAccountsOptions&gt;(o =&gt; …)</c>, a clock (<c>TimeProvider</c>), a logger
    /// factory (the request log then goes to it, category <see cref="MockAccountsOptions.RequestLogCategory"/>, instead
    /// of stdout), another server (<c>builder.WebHost.UseTestServer()</c>).
    /// </param>
    /// <param name="cancellationToken">Gives up starting.</param>
    /// <returns>The started application: <c>Services</c>, <c>Urls</c>, <c>StopAsync</c>, <c>DisposeAsync</c>.</returns>
    /// <exception cref="OptionsValidationException">A setting is unknown, malformed or out of range; each failure names it.</exception>
    /// <exception cref="FormatException"><c>--urls</c>, <c>ASPNETCORE_URLS</c> or <c>ASPNETCORE_HTTP_PORTS</c> is not an address to listen on; the message names the setting and the expected form.</exception>
    /// <exception cref="ContractLoadException">A contract is broken; the message names file, JSON pointer and expectation.</exception>
    /// <exception cref="IOException">The address cannot be bound (in use, no permission).</exception>
    public static async Task<WebApplication> StartAsync(string[] args, Action<WebApplicationBuilder>? configure = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(args);
        // appsettings are read once: the contracts have their own watcher, and every file watcher costs an inotify instance.
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = ["--hostBuilder:reloadConfigOnChange=false", .. args], ContentRootPath = AppContext.BaseDirectory });
        var kestrel = builder.Services.Last(d => d.ServiceType == typeof(IServer));
        var consoleLogging = builder.Services.Last(d => d.ServiceType == typeof(ILoggerFactory));
        ServeOnItsOwn(builder);
        builder.Services.AddMockAccounts();
        configure?.Invoke(builder);
        if (builder.Services.Last(d => d.ServiceType == typeof(IServer)) == kestrel)
        {
            ListenAddresses.ThrowIfInvalid(builder.Configuration);
            if (string.IsNullOrEmpty(builder.Configuration["urls"]) && string.IsNullOrEmpty(builder.Configuration["http_ports"]))
            {
                builder.WebHost.UseUrls(DefaultUrl);
            }
        }

        if (builder.Services.Last(d => d.ServiceType == typeof(ILoggerFactory)) == consoleLogging)
        {
            builder.Services.AddSingleton<RequestLogToConsole>();
        }

        // Start-up is mostly one thread: the contracts load on another core while this one builds and starts the host,
        // which needs only the options until a request comes (WaitForContractsMiddleware holds the first ones).
        var (options, time) = EarlyOptions.Resolve(builder);
        var loading = builder.Services.FirstOrDefault(d => d.ServiceType == typeof(EarlyContractLoad))?.ImplementationInstance is EarlyContractLoad begun
            ? begun.Loading
            : Task.Run(() => MockAccountsRuntime.LoadAsync(options, time, cancellationToken), cancellationToken);
        builder.Services.TryAddSingleton(new EarlyContractLoad(loading));
        WebApplication app;
        try
        {
            app = builder.Build();
        }
        catch
        {
            // The load has no other owner: what it makes is released, and a failure observed, once it ends.
            _ = loading.ContinueWith(
                static load =>
                {
                    if (load.IsCompletedSuccessfully)
                    {
                        load.Result.Dispose();
                    }
                    else
                    {
                        _ = load.Exception;
                    }
                },
                CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            throw;
        }

        app.UseMockAccounts(answerUnmatched: true);
        app.UseRouting();
        // The bare root leads a person to the dashboard.
        app.MapDashboardRedirect(AdminRoutes.Prefix).Add(AdminApi.AnswerHeadWhereGet);
        app.MapMockAccounts();
        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            // A failed start may have left the server listening (the load fails after it binds): disposing closes it
            // and releases the load, without the stop notices a started host logs.
            await app.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        return app;
    }

    /// <summary>Runs the server until it is stopped (Ctrl+C, SIGTERM): the <c>dotnet run</c>, image and <c>mockaccounts serve</c> entry point.</summary>
    /// <param name="args">Command-line arguments: <c>--urls</c>, <c>--MockAccounts:*</c> settings; <c>--probe [url]</c> asks a running server for its health instead; <c>--prove</c> proves the contracts and exits.</param>
    /// <returns>0 after a clean stop; 1 when the contracts are broken; 2 when a setting is (options, addresses); 3 when the address cannot be bound.</returns>
    public static Task<int> RunAsync(string[] args) => RunAsync(args, _ => { });

    /// <summary>Runs the server until it is stopped, as <see cref="RunAsync(string[])"/> does, with <paramref name="configure"/> adjusting its builder (as for <see cref="StartAsync"/>).</summary>
    /// <param name="args">Command-line arguments, as for <see cref="RunAsync(string[])"/>.</param>
    /// <param name="configure">Adjusts the builder after MockAccounts' defaults (the server adds shared state on Redis here).</param>
    /// <returns>The exit code, as for <see cref="RunAsync(string[])"/>.</returns>
    public static async Task<int> RunAsync(string[] args, Action<WebApplicationBuilder> configure)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(configure);
        if (args is [HealthProbe.Flag, ..])
        {
            return await HealthProbe.RunAsync(args[1..]).ConfigureAwait(false);
        }

        var prove = args.Contains(ProveFlag);
        WebApplication app;
        try
        {
            // Proving, the host starts without a server (nor the notices of one starting): it loads and proves the contracts, and never listens.
            app = await StartAsync(args.Where(a => a != ProveFlag).ToArray(), builder =>
            {
                configure(builder);
                if (prove)
                {
                    WithoutServer(builder);
                }
            }).ConfigureAwait(false);
        }
        catch (OptionsValidationException e)
        {
            await Console.Error.WriteLineAsync("Invalid MockAccounts options:" + string.Concat(e.Failures.Select(f => Environment.NewLine + "  " + f))).ConfigureAwait(false);
            return 2;
        }
        catch (FormatException e)
        {
            await Console.Error.WriteLineAsync(e.Message).ConfigureAwait(false);
            return 2;
        }
        catch (ContractLoadException e)
        {
            await Console.Error.WriteLineAsync(e.Message).ConfigureAwait(false);
            return 1;
        }
        catch (IOException e)
        {
            // Kestrel's bind failure (address in use, no permission): one line, not an unhandled-exception dump.
            await Console.Error.WriteLineAsync($"Cannot listen: {e.Message}").ConfigureAwait(false);
            return 3;
        }

        await using (app.ConfigureAwait(false))
        {
            if (prove)
            {
                await app.StopAsync().ConfigureAwait(false);
                await Console.Out.WriteLineAsync($"Contracts proven; remembered in {ProofCache.Default.Folder ?? "(nowhere: the proof cache is off)"}.").ConfigureAwait(false);
                return 0;
            }

            await app.WaitForShutdownAsync().ConfigureAwait(false);
        }

        return 0;
    }

    private static void WithoutServer(WebApplicationBuilder builder)
    {
        builder.WebHost.UseServer(new NoServer());
        builder.Logging.AddFilter("Microsoft.Hosting.Lifetime", LogLevel.Warning);
    }

    /// <summary>What a server of its own adds to a mounted mock: its console, Kestrel's h1 + h2c endpoint and limits, a quick shutdown.</summary>
    private static void ServeOnItsOwn(WebApplicationBuilder builder)
    {
        builder.Logging.AddSimpleConsole(console =>
        {
            console.SingleLine = true;
            console.TimestampFormat = "HH:mm:ss ";
        });
        // As the server's appsettings.json says, for hosts without one (the tool): ASP.NET Core's own information
        // lines (every admin call's endpoint and result) would drown the request log. Configuration still decides.
        if (builder.Configuration["Logging:LogLevel:Microsoft.AspNetCore"] is null)
        {
            builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        }

        // Kestrel's warning 64 says h2c is off on a TLS-less Http1AndHttp2 endpoint; H2cPrefaceDetection turns it on.
        builder.Logging.AddFilter("Microsoft.AspNetCore.Server.Kestrel", LogLevel.Error);
        // Any enabled level here makes hosting start an Activity per request for log scopes; the request log covers requests.
        builder.Logging.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.None);
        // A start that fails (a bad setting, a broken contract, an address in use) is reported in one line by RunAsync or
        // thrown to the caller; the host's own error entry would repeat it with a stack trace. A background service
        // that fails later still says so: the host logs that as critical.
        builder.Logging.AddFilter("Microsoft.Extensions.Hosting.Internal.Host", LogLevel.Critical);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AllowAlternateSchemes = true;
            kestrel.AddServerHeader = false;
            kestrel.ConfigureEndpointDefaults(listen =>
            {
                listen.Protocols = HttpProtocols.Http1AndHttp2;
                listen.Use(H2cPrefaceDetection.Middleware);
            });
        });
        builder.Services.AddOptions<KestrelServerOptions>().Configure<IOptions<MockAccountsOptions>>(
            (kestrel, options) => kestrel.Limits.MaxRequestBodySize = options.Value.MaxBodyBytes);
        // SIGTERM (docker stop) stops within a second: in-flight requests get that long to finish.
        builder.Services.AddOptions<HostOptions>().Configure<IOptions<MockAccountsOptions>>(
            (host, options) => host.ShutdownTimeout = options.Value.ShutdownTimeout);
        builder.Services.AddProblemDetails();
    }
}
