using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using MockAccounts.AspNetCore.Admin;
using MockAccounts.AspNetCore.Journal;
using MockAccounts.AspNetCore.Vendors;
using MockAccounts.Core.Runtime;

namespace MockAccounts.AspNetCore.Hosting;

/// <summary>Registers MockAccounts in an application's services.</summary>
public static class MockAccountsServiceCollectionExtensions
{
    /// <summary>
    /// Adds MockAccounts' services: <see cref="MockAccountsOptions"/> bound from the <c>MockAccounts</c> configuration
    /// section, then <paramref name="configure"/>, validated when the host starts (a bad setting fails the start with an
    /// <see cref="OptionsValidationException"/> naming it); the contracts, which load while the host starts; the journal,
    /// the request log and, with <see cref="MockAccountsOptions.HotReload"/>, the contract watcher. Then put
    /// <see cref="MockAccountsApplicationBuilderExtensions.UseMockAccounts(IApplicationBuilder)"/> in the pipeline and map the admin API with
    /// <see cref="MockAccountsEndpointRouteBuilderExtensions.MapMockAccounts"/>.
    /// </summary>
    /// <param name="services">The application's services.</param>
    /// <param name="configure">Sets options in code, after the configuration section (code wins).</param>
    /// <returns><paramref name="services"/>, for chaining.</returns>
    public static IServiceCollection AddMockAccounts(this IServiceCollection services, Action<MockAccountsOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<MockAccountsOptions>();
        if (!services.Any(d => d.ServiceType == typeof(MockAccountsMarker)))
        {
            options
                // The section's text first: the binder skips unknown keys silently and cannot say what a value should have been.
                .Configure<IConfiguration>((_, configuration) => ThrowIfUnreadable(configuration))
                .BindConfiguration(MockAccountsOptions.Section)
                .ValidateOnStart();
            AddServices(services);
        }

        // After the binding, whichever call adds it: code wins.
        if (configure is not null)
        {
            options.Configure(configure);
        }

        return services;
    }

    private static void AddServices(IServiceCollection services)
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<MockAccountsOptions>, MockAccountsOptionsValidator>());
        // The validated options themselves, for endpoint handlers that read a setting or two.
        services.TryAddSingleton(provider => provider.GetRequiredService<IOptions<MockAccountsOptions>>().Value);
        services.AddSingleton<MockAccountsMarker>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(_ => new RuntimeSlot());
        services.AddSingleton<StateHealthSource>();
        AddRuntime(services);
        services.AddSingleton<MockAccountsLoader>();
        services.AddHostedService(provider => provider.GetRequiredService<MockAccountsLoader>());
        services.AddSingleton(provider => new RequestLog(
            provider.GetRequiredService<MockAccountsOptions>(),
            provider.GetService<RequestLogToConsole>() is null ? provider.GetRequiredService<ILoggerFactory>().CreateLogger(MockAccountsOptions.RequestLogCategory) : null,
            provider.GetRequiredService<TimeProvider>()));
        services.AddHostedService(provider => provider.GetRequiredService<RequestLog>());
        services.AddHostedService<ContractWatcher>();
        services.AddSingleton<VendorRequestHandler>();
        services.AddSingleton<AdminRoutes>();
        services.AddSingleton<AdminKeyThrottle>();
        services.AddRouting();
    }

    private static void ThrowIfUnreadable(IConfiguration configuration)
    {
        if (OptionText.Problems(configuration, configuration.GetSection(MockAccountsOptions.Section), typeof(MockAccountsOptions)) is { Count: > 0 } problems)
        {
            throw new OptionsValidationException(Options.DefaultName, typeof(MockAccountsOptions), problems);
        }
    }

    /// <summary>
    /// The runtime and its parts as services, reached through the slot: they exist once the contracts are in.
    /// The loader disposes the runtime, and the container what it handed out of it; disposing twice is harmless.
    /// </summary>
    private static void AddRuntime(IServiceCollection services)
    {
        Add(r => r);
        Add(r => r.Engine);
        Add(r => r.Contracts);
        Add(r => r.State);
        Add(r => r.Pipeline);
        Add(r => r.Admin);
        Add(r => r.Journal);
        Add(r => r.Mappings);

        void Add<T>(Func<MockAccountsRuntime, T> part)
            where T : class =>
            services.AddSingleton(provider => part(provider.GetRequiredService<RuntimeSlot>().Runtime));
    }
}
