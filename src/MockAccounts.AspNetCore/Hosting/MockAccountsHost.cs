using Microsoft.AspNetCore.Server.Kestrel.Core;
using MockAccounts.Core.Loading;
using MockAccounts.Core.Runtime;
using MockAccounts.AspNetCore.Admin;
using MockAccounts.AspNetCore.Journal;
using MockAccounts.AspNetCore.Vendors;

namespace MockAccounts.AspNetCore.Hosting;

/// <summary>Builds and runs the server: options, contracts, Kestrel (h1 + h2c), admin API, vendor requests straight to the pipeline.</summary>
public static class MockAccountsHost
{
    /// <summary>Where the server listens when neither <c>--urls</c> nor <c>ASPNETCORE_URLS</c> says.</summary>
    public const string DefaultUrl = "http://localhost:8080";

    /// <summary>
    /// The flag that loads and proves the contracts, remembers the proof (see <see cref="ProofCache"/>) and exits
    /// without serving: an image build runs it so that its containers start on a cached proof.
    /// </summary>
    public const string ProveFlag = "--prove";

    /// <summary>Runs the server until it is stopped (Ctrl+C, SIGTERM): the <c>dotnet run</c> and <c>mockaccounts serve</c> entry point.</summary>
    /// <param name="args">Command-line arguments: <c>--urls</c>, <c>--MockAccounts:*</c> settings; <c>--probe [url]</c> asks a running server for its health instead.</param>
    /// <returns>0 after a clean stop; 1 when the contracts are broken; 2 when the options are; 3 when the address cannot be bound.</returns>
    public static async Task<int> RunAsync(string[] args)
    {
        if (args is [HealthProbe.Flag, ..])
        {
            return await HealthProbe.RunAsync(args[1..]).ConfigureAwait(false);
        }

        var prove = args.Contains(ProveFlag);
        args = args.Where(a => a != ProveFlag).ToArray();
        WebApplication app;
        try
        {
            // Serving, the host starts listening while the contracts load; proving, it never listens.
            app = await CreateAsync(args, start: !prove, customize: null, time: null, CancellationToken.None);
        }
        catch (MockAccountsOptionsException e)
        {
            await Console.Error.WriteLineAsync(e.Message);
            return 2;
        }
        catch (ContractLoadException e)
        {
            await Console.Error.WriteLineAsync(e.Message);
            return 1;
        }
        catch (IOException e)
        {
            // Kestrel's bind failure (address in use, no permission): one line, not an unhandled-exception dump.
            await Console.Error.WriteLineAsync($"Cannot listen: {e.Message}");
            return 3;
        }

        await using (app)
        {
            if (prove)
            {
                await Console.Out.WriteLineAsync($"Contracts proven; remembered in {ProofCache.Default.Folder ?? "(nowhere: the proof cache is off)"}.");
                return 0;
            }

            await app.WaitForShutdownAsync();
        }

        return 0;
    }

    /// <summary>Reads the options, loads and proves the contracts, and builds the host (not started).</summary>
    /// <param name="args">Command-line arguments: <c>--urls</c>, <c>--MockAccounts:*</c> settings.</param>
    /// <param name="cancellationToken">Stops a contract load that takes too long.</param>
    /// <param name="customize">Adjusts the builder before the options are read (tests bind a free port here).</param>
    /// <param name="time">The clock of stub delays and templates; default: the system's.</param>
    public static Task<WebApplication> BuildAsync(string[] args, Action<WebApplicationBuilder>? customize = null, TimeProvider? time = null, CancellationToken cancellationToken = default) =>
        CreateAsync(args, start: false, customize, time, cancellationToken);

    private static async Task<WebApplication> CreateAsync(string[] args, bool start, Action<WebApplicationBuilder>? customize, TimeProvider? time, CancellationToken cancellationToken)
    {
        var builder = CreateBuilder(args);
        customize?.Invoke(builder);
        var options = ReadOptions(builder.Configuration);
        // Start-up is mostly one thread: the contracts load on another core while this one builds (and starts) the host.
        var loading = Task.Run(() => MockAccountsRuntime.CreateAsync(options, time ?? TimeProvider.System, cancellationToken), cancellationToken);
        var app = start
            ? await StartWhileLoadingAsync(builder, options, loading, options.HotReload, loggerFactory: null, cancellationToken)
            : await BuildWhileLoadingAsync(builder, options, loading, options.HotReload, loggerFactory: null);
        app.Lifetime.ApplicationStopped.Register((await loading).Dispose);
        return app;
    }

    /// <summary>A web application builder rooted beside the binary, with <paramref name="args"/> as its command line.</summary>
    /// <remarks>appsettings are read once: the contracts have their own watcher, and every file watcher costs an inotify instance.</remarks>
    public static WebApplicationBuilder CreateBuilder(string[] args) =>
        WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = ["--hostBuilder:reloadConfigOnChange=false", .. args], ContentRootPath = AppContext.BaseDirectory });

    /// <summary>Wires an existing runtime into a host; several hosts may share one runtime.</summary>
    /// <param name="builder">A builder from <see cref="CreateBuilder"/> (a test may have set a test server on it).</param>
    /// <param name="runtime">The contracts and state to serve.</param>
    /// <param name="watchContracts">Whether this host reloads the contracts when their files change.</param>
    /// <param name="loggerFactory">Where the host logs, request log included (an in-process test's logger); null: the console.</param>
    public static WebApplication Build(WebApplicationBuilder builder, MockAccountsRuntime runtime, bool watchContracts, ILoggerFactory? loggerFactory = null)
    {
        var app = BuildHost(builder, runtime.Options, new RuntimeSlot(runtime), watchContracts, loggerFactory, holdEarlyRequests: false);
        LogContracts(app.Logger, runtime, runtime.Options);
        return app;
    }

    /// <summary>
    /// Builds the host while <paramref name="loading"/> still loads the contracts (building needs only the options),
    /// and returns it once they are in: the first start of a process does the two at once. The caller disposes
    /// the runtime after the host, as with <see cref="Build"/>. The host's container reached the runtime through
    /// factories and may dispose it too (disposing twice is harmless), so hosts built on one load are disposed
    /// together. If building or loading fails, the host is disposed, and so is the runtime once the load has
    /// made it; the failure is thrown.
    /// </summary>
    /// <param name="builder">A builder from <see cref="CreateBuilder"/> (a test may have set a test server on it).</param>
    /// <param name="options">The options <paramref name="loading"/> was started with.</param>
    /// <param name="loading">The runtime's creation, started on another thread (<see cref="MockAccountsRuntime.CreateAsync(MockAccountsOptions, TimeProvider, CancellationToken)"/>).</param>
    /// <param name="watchContracts">Whether this host reloads the contracts when their files change.</param>
    /// <param name="loggerFactory">Where the host logs, request log included (an in-process test's logger); null: the console.</param>
    public static Task<WebApplication> BuildWhileLoadingAsync(
        WebApplicationBuilder builder, MockAccountsOptions options, Task<MockAccountsRuntime> loading, bool watchContracts, ILoggerFactory? loggerFactory) =>
        WhileLoadingAsync(builder, options, loading, watchContracts, loggerFactory, start: false, CancellationToken.None);

    /// <summary>
    /// As <see cref="BuildWhileLoadingAsync"/>, and starts the host too before the contracts are in: it listens
    /// at once, and a request that arrives before they are in waits for them. Returns the started host once they are.
    /// If starting fails, or loading does, the host is stopped and disposed, and so is the runtime once the load has
    /// made it; the failure is thrown.
    /// </summary>
    /// <param name="builder">A builder from <see cref="CreateBuilder"/> (a test may have set a test server on it).</param>
    /// <param name="options">The options <paramref name="loading"/> was started with.</param>
    /// <param name="loading">The runtime's creation, started on another thread (<see cref="MockAccountsRuntime.CreateAsync(MockAccountsOptions, TimeProvider, CancellationToken)"/>).</param>
    /// <param name="watchContracts">Whether this host reloads the contracts when their files change.</param>
    /// <param name="loggerFactory">Where the host logs, request log included (an in-process test's logger); null: the console.</param>
    /// <param name="cancellationToken">Gives up starting.</param>
    public static Task<WebApplication> StartWhileLoadingAsync(
        WebApplicationBuilder builder, MockAccountsOptions options, Task<MockAccountsRuntime> loading, bool watchContracts, ILoggerFactory? loggerFactory,
        CancellationToken cancellationToken = default) =>
        WhileLoadingAsync(builder, options, loading, watchContracts, loggerFactory, start: true, cancellationToken);

    private static async Task<WebApplication> WhileLoadingAsync(
        WebApplicationBuilder builder, MockAccountsOptions options, Task<MockAccountsRuntime> loading, bool watchContracts, ILoggerFactory? loggerFactory,
        bool start, CancellationToken cancellationToken)
    {
        var slot = new RuntimeSlot();
        WebApplication? app = null;
        var started = false;
        try
        {
            app = BuildHost(builder, options, slot, watchContracts, loggerFactory, holdEarlyRequests: start);
            if (start)
            {
                await app.StartAsync(cancellationToken).ConfigureAwait(false);
                started = true;
            }

            slot.Fill(await loading.ConfigureAwait(false));
        }
        catch (Exception e)
        {
            // Requests held for the runtime end now, with the load's own error.
            slot.Fail(e);
            if (app is not null)
            {
                if (started)
                {
                    await app.StopAsync(CancellationToken.None).ConfigureAwait(false);
                }

                await app.DisposeAsync().ConfigureAwait(false);
            }

            // A failed build or start leaves the load running: the runtime it may still make has no other owner.
            _ = loading.ContinueWith(
                static load =>
                {
                    if (load.IsCompletedSuccessfully)
                    {
                        load.Result.Dispose();
                    }
                    else
                    {
                        // Observed, so a load that fails after the build did is not reported again as unobserved.
                        _ = load.Exception;
                    }
                },
                CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            throw;
        }

        LogContracts(app.Logger, slot.Runtime, options);
        return app;
    }

    private static WebApplication BuildHost(
        WebApplicationBuilder builder, MockAccountsOptions options, RuntimeSlot slot, bool watchContracts, ILoggerFactory? loggerFactory, bool holdEarlyRequests)
    {
        builder.Logging.AddSimpleConsole(console =>
        {
            console.SingleLine = true;
            console.TimestampFormat = "HH:mm:ss ";
        });
        if (loggerFactory is not null)
        {
            // Replaces the host's factory (and with it the console provider above); the caller owns and disposes it.
            builder.Services.AddSingleton(loggerFactory);
        }

        // Kestrel's warning 64 says h2c is off on a TLS-less Http1AndHttp2 endpoint; H2cPrefaceDetection turns it on.
        builder.Logging.AddFilter("Microsoft.AspNetCore.Server.Kestrel", LogLevel.Error);
        // Any enabled level here makes hosting start an Activity per request for log scopes; the request log covers requests.
        builder.Logging.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.None);
        if (string.IsNullOrEmpty(builder.Configuration["urls"]) && string.IsNullOrEmpty(builder.Configuration["http_ports"]))
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }

        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AllowAlternateSchemes = true;
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = options.MaxBodyBytes;
            kestrel.ConfigureEndpointDefaults(listen =>
            {
                listen.Protocols = HttpProtocols.Http1AndHttp2;
                listen.Use(H2cPrefaceDetection.Middleware);
            });
        });

        // SIGTERM (docker stop) stops within a second: in-flight requests get that long to finish.
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = options.ShutdownTimeout);
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton(slot);
        AddRuntime(builder.Services, slot);
        builder.Services.AddSingleton<VendorRequestHandler>();
        builder.Services.AddSingleton(_ => new RequestLog(options, loggerFactory?.CreateLogger(RequestLog.Category)));
        builder.Services.AddSingleton<AdminRoutes>();
        builder.Services.AddSingleton<AdminKeyThrottle>();
        builder.Services.AddHostedService(services => services.GetRequiredService<RequestLog>());
        builder.Services.AddProblemDetails();
        if (watchContracts)
        {
            builder.Services.AddHostedService<ContractWatcher>();
        }

        var app = builder.Build();
        // First, so no request can end in an empty, unrecorded 500.
        app.UseMiddleware<UnhandledExceptionMiddleware>();
        if (holdEarlyRequests)
        {
            // A host started while its contracts load holds its first requests until they are in; one built
            // while they load starts only after, so its requests need no such check.
            app.Use((context, next) => slot.IsFilled ? next(context) : WhenLoadedAsync(slot, context, next));
        }

        // Admin endpoints may not read a body at all; vendor requests get (and journal) their 413 in the handler.
        app.Use((context, next) =>
            context.Request.ContentLength > options.MaxBodyBytes && context.Request.Path.StartsWithSegments("/__admin")
                ? Problems.TooLarge(context, options.MaxBodyBytes)
                : next(context));
        // Vendor requests skip endpoint routing (the pipeline has its own route table); only /__admin is routed,
        // and its catch-all answers every admin path the API does not have.
        // Resolved on the first vendor request: the runtime it needs may still be loading while the host is built.
        VendorRequestHandler? vendors = null;
        // The bare root leads a person to the dashboard.
        app.Use((context, next) => context.Request.Path.StartsWithSegments(AdminRoutes.Prefix) || context.Request.Path == "/"
            ? next(context)
            : (vendors ??= app.Services.GetRequiredService<VendorRequestHandler>()).HandleAsync(context));
        app.UseRouting();
        app.MapAdmin();
        return app;
    }

    private static async Task WhenLoadedAsync(RuntimeSlot slot, HttpContext context, RequestDelegate next)
    {
        await slot.Filled.WaitAsync(context.RequestAborted).ConfigureAwait(false);
        await next(context).ConfigureAwait(false);
    }

    /// <summary>
    /// The runtime and its parts as services. One that is already there is registered as instances, which the
    /// container never disposes, so several hosts may share it; one still loading is reached through the slot.
    /// </summary>
    private static void AddRuntime(IServiceCollection services, RuntimeSlot slot)
    {
        Add(r => r);
        Add(r => r.Contracts);
        Add(r => r.State);
        Add(r => r.Pipeline);
        Add(r => r.Admin);
        Add(r => r.Journal);
        Add(r => r.Mappings);

        void Add<T>(Func<MockAccountsRuntime, T> part)
            where T : class
        {
            if (slot.IsFilled)
            {
                services.AddSingleton(part(slot.Runtime));
            }
            else
            {
                services.AddSingleton(_ => part(slot.Runtime));
            }
        }
    }

    private static void LogContracts(ILogger logger, MockAccountsRuntime runtime, MockAccountsOptions options)
    {
        var set = runtime.Contracts.Current.Contracts;
        var vendors = string.Join(", ", set.Vendors.Values.Select(v => $"{v.Name} ({string.Join(", ", v.Variants.Keys)})"));
        var roots = string.Join(", ", options.Sources().Select(s => s.SchemasRoot));
        var validation = options.Validation.ToString().ToLowerInvariant();
        Log.ContractsLoaded(logger, set.Vendors.Count, vendors, roots, validation);
        foreach (var vendor in set.Vendors.Values)
        {
            var serving = runtime.Pipeline.VariantOf(vendor);
            foreach (var other in vendor.Variants.Values.Where(v => v != serving && v.Name != Core.Contracts.VendorContract.DocumentedVariant))
            {
                Log.VariantDiffers(logger, vendor.Name, serving.Name, other.Name, other.Summary ?? other.Title);
            }
        }

        if (options.Variation != Core.Generation.Variation.Realistic)
        {
            Log.EdgeVariation(logger, options.Variation);
        }

        foreach (var conflict in set.RouteConflicts)
        {
            Log.RouteConflict(logger, conflict);
        }
    }

    /// <summary>The <c>MockAccounts</c> section of <paramref name="configuration"/>, validated.</summary>
    /// <exception cref="MockAccountsOptionsException">A setting is malformed or out of range; the message names each.</exception>
    public static MockAccountsOptions ReadOptions(ConfigurationManager configuration)
    {
        var section = configuration.GetSection(MockAccountsOptions.Section);
        if (OptionText.Problems(section, typeof(MockAccountsOptions)) is { Count: > 0 } problems)
        {
            throw new MockAccountsOptionsException(problems);
        }

        MockAccountsOptions options;
        try
        {
            options = configuration.GetSection(MockAccountsOptions.Section).Get<MockAccountsOptions>() ?? new MockAccountsOptions();
        }
        catch (InvalidOperationException e)
        {
            throw new MockAccountsOptionsException($"Invalid MockAccounts options: {e.Message}{(e.InnerException is null ? "" : " " + e.InnerException.Message)}");
        }

        options.ThrowIfInvalid();
        return options;
    }
}
