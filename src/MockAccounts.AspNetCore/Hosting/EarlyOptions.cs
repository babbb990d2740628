using Microsoft.Extensions.Options;

namespace MockAccounts.AspNetCore.Hosting;

/// <summary>
/// The options of a host of our own, made before the host is built so that its contracts can load meanwhile: the
/// framework's options factory runs over exactly what the builder's services register for
/// <see cref="MockAccountsOptions"/> (the section's check and binding, the caller's configure actions, the
/// validators), once; the host then serves that very instance, so no configure action runs twice.
/// </summary>
internal static class EarlyOptions
{
    /// <exception cref="OptionsValidationException">A setting is unknown, malformed or out of range.</exception>
    public static MockAccountsOptions Resolve(WebApplicationBuilder builder)
    {
        IServiceCollection services = new ServiceCollection();
        services.AddOptions();
        services.AddSingleton<IConfiguration>(builder.Configuration);
        services.AddSingleton<IHostEnvironment>(builder.Environment);
        services.AddSingleton<IWebHostEnvironment>(builder.Environment);
        foreach (var registration in builder.Services.Where(d => OptionsServices.Contains(d.ServiceType)))
        {
            services.Add(registration);
        }

        MockAccountsOptions options;
        using (var provider = services.BuildServiceProvider())
        {
            options = provider.GetRequiredService<IOptionsFactory<MockAccountsOptions>>().Create(Options.DefaultName);
        }

        builder.Services.AddSingleton<IOptionsFactory<MockAccountsOptions>>(new Made(options));
        return options;
    }

    private static readonly HashSet<Type> OptionsServices =
    [
        typeof(IConfigureOptions<MockAccountsOptions>),
        typeof(IPostConfigureOptions<MockAccountsOptions>),
        typeof(IValidateOptions<MockAccountsOptions>),
        typeof(IOptionsFactory<MockAccountsOptions>),
    ];

    /// <summary>Hands out the options made (and validated) before the host was built.</summary>
    private sealed class Made(MockAccountsOptions options) : IOptionsFactory<MockAccountsOptions>
    {
        public MockAccountsOptions Create(string name) => options;
    }
}
