using MockAccounts.Core.Generation;
using MockAccounts.Core.Runtime;

namespace MockAccounts.Testing;

/// <summary>How <see cref="MockAccountsServer.StartAsync"/> sets the server up.</summary>
public sealed record MockAccountsServerOptions
{
    /// <summary>With vendor and token, fixes every generated value.</summary>
    public int Seed { get; set; } = GenerationOptions.DefaultSeed;

    /// <summary>A folder with <c>schemas/</c> and <c>mocks/</c>; default: the contracts shipped with the package.</summary>
    public string? Contracts { get; set; }

    /// <summary>Further contract folders; a vendor there replaces one of the same name.</summary>
    public IList<string> ExtraContracts { get; init; } = [];

    /// <summary>Tests should keep <see cref="ValidationMode.Strict"/>: a contract violation then fails loudly as a 500.</summary>
    public ValidationMode Validation { get; set; } = ValidationMode.Strict;

    public int JournalCapacity { get; set; } = 10_000;

    /// <summary>What relative dates count from; default: today, midnight UTC.</summary>
    public DateTimeOffset? ReferenceTime { get; set; }

    /// <summary>Watch the contract folders for edits (off by default in tests).</summary>
    public bool HotReload { get; set; }

    /// <summary>Protect the admin API with this key (the server's <see cref="Admin"/> client sends it).</summary>
    public string? AdminKey { get; set; }

    /// <summary>Show credentials whole in the admin journal (the accounts here are synthetic).</summary>
    public bool KeepCredentialsInJournal { get; set; }

    public int MaxTokens { get; set; } = Core.Runtime.MockState.DefaultTokenCapacity;

    internal string[] ToArguments()
    {
        var args = new List<string>
        {
            "--urls", "http://127.0.0.1:0",
            "--MockAccounts:Seed", Seed.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--MockAccounts:Validation", Validation.ToString(),
            "--MockAccounts:Journal:Capacity", JournalCapacity.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--MockAccounts:HotReload", HotReload ? "true" : "false",
            "--MockAccounts:Journal:KeepCredentials", KeepCredentialsInJournal ? "true" : "false",
            "--MockAccounts:MaxTokens", MaxTokens.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--Logging:LogLevel:Default", "Warning",
        };
        if (Contracts is not null)
        {
            args.AddRange(["--MockAccounts:Contracts", Contracts]);
        }

        for (var i = 0; i < ExtraContracts.Count; i++)
        {
            args.AddRange([$"--MockAccounts:ExtraContracts:{i}", ExtraContracts[i]]);
        }

        if (AdminKey is not null)
        {
            args.AddRange(["--MockAccounts:Admin:Key", AdminKey]);
        }

        if (ReferenceTime is { } reference)
        {
            args.AddRange(["--MockAccounts:ReferenceTime", reference.ToString("O", System.Globalization.CultureInfo.InvariantCulture)]);
        }

        return [.. args];
    }
}
