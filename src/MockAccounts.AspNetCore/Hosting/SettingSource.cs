using Microsoft.Extensions.Configuration.CommandLine;
using Microsoft.Extensions.Configuration.EnvironmentVariables;

namespace MockAccounts.AspNetCore.Hosting;

/// <summary>
/// Names a setting the way the user wrote it, so an error points at the line to fix: <c>--MockAccounts:Seed</c> on
/// the command line, <c>MockAccounts__Seed</c> in the environment, <c>MockAccounts:Seed in appsettings.json</c>.
/// </summary>
internal readonly record struct SettingSource(SettingSource.Kind Where, string? File)
{
    public enum Kind
    {
        Other,
        CommandLine,
        Environment,
        File,
    }

    /// <summary>Where the value at <paramref name="path"/> (or, for a section, the first value under it) comes from: the last provider that has it.</summary>
    public static SettingSource Of(IConfiguration configuration, string path)
    {
        if (configuration is not IConfigurationRoot root)
        {
            return default;
        }

        var leaf = configuration.GetSection(path).Value is null
            ? configuration.GetSection(path).AsEnumerable().FirstOrDefault(p => p.Value is not null).Key ?? path
            : path;
        foreach (var provider in root.Providers.Reverse())
        {
            if (provider.TryGet(leaf, out _))
            {
                return provider switch
                {
                    CommandLineConfigurationProvider => new(Kind.CommandLine, null),
                    EnvironmentVariablesConfigurationProvider => new(Kind.Environment, null),
                    FileConfigurationProvider file => new(Kind.File, file.Source.Path),
                    _ => default,
                };
            }
        }

        return default;
    }

    /// <summary><paramref name="path"/> (<c>MockAccounts:Journal:Capacity</c>) spelled as this source spells it.</summary>
    public string Spell(string path) => Where switch
    {
        Kind.CommandLine => "--" + path,
        Kind.Environment => path.Replace(":", "__", StringComparison.Ordinal),
        _ => path,
    };

    /// <summary>Where it was written, for a message: <c> (command line)</c>, <c> (environment)</c>, <c> (appsettings.json)</c>, or nothing.</summary>
    public string Suffix => Where switch
    {
        Kind.CommandLine => " (command line)",
        Kind.Environment => " (environment)",
        Kind.File => $" ({File})",
        _ => "",
    };
}
