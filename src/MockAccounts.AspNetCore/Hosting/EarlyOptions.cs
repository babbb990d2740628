using Microsoft.Extensions.Options;

namespace MockAccounts.AspNetCore.Hosting;

/// <summary>
/// The options and the clock of a host of our own, made before the host is built so that its contracts can load
/// meanwhile: the framework's options factory runs over exactly what the builder's services register for
/// <see cref="MockAccountsOptions"/> (the section's check and binding, the caller's configure actions, the
/// validators), once; the host then serves that very instance, so no configure action runs twice. The clock is the
/// builder's <see cref="TimeProvider"/> registration, resolved beside those options (a fixture's comes from them).
/// </summary>
internal static class EarlyOptions
{
    private static readonly HashSet<Type> OptionsServices =
    [
        typeof(IConfigureOptions<MockAccountsOptions>),
        typeof(IPostConfigureOptions<MockAccountsOptions>),
        typeof(IValidateOptions<MockAccountsOptions>),
        typeof(IOptionsFactory<MockAccountsOptions>),
        // The validator asks it whether MockAccounts:State:Redis can be used, and how its configuration string reads.
        typeof(ISharedStateConnector),
    ];

    /// <exception cref="OptionsValidationException">A setting is unknown, malformed or out of range.</exception>
    public static (MockAccountsOptions Options, TimeProvider Time) Resolve(WebApplicationBuilder builder)
    {
        MockAccountsOptions options;
        using (var provider = Provider(builder, OptionsServices.Contains))
        {
            options = provider.GetRequiredService<IOptionsFactory<MockAccountsOptions>>().Create(Options.DefaultName);
        }

        builder.Services.AddSingleton<IOptionsFactory<MockAccountsOptions>>(new Made(options));
        using (var provider = Provider(builder, type => type == typeof(TimeProvider) || type == typeof(IOptionsFactory<MockAccountsOptions>)))
        {
            return (options, provider.GetRequiredService<TimeProvider>());
        }
    }

    /// <summary>A container of the builder's configuration and environment and the registrations of the services <paramref name="taken"/> picks.</summary>
    private static ServiceProvider Provider(WebApplicationBuilder builder, Func<Type, bool> taken)
    {
        IServiceCollection services = new ServiceCollection();
        services.AddOptions();
        services.AddSingleton<IConfiguration>(builder.Configuration);
        services.AddSingleton<IHostEnvironment>(builder.Environment);
        services.AddSingleton<IWebHostEnvironment>(builder.Environment);
        foreach (var registration in builder.Services.Where(d => taken(d.ServiceType)))
        {
            services.Add(registration);
        }

        return services.BuildServiceProvider();
    }

    /// <summary>Hands out the options made (and validated) before the host was built.</summary>
    private sealed class Made(MockAccountsOptions options) : IOptionsFactory<MockAccountsOptions>
    {
        public MockAccountsOptions Create(string name) => options;
    }
}
