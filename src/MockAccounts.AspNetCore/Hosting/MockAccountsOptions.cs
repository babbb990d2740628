using MockAccounts.Core.Runtime;

namespace MockAccounts.AspNetCore.Hosting;

/// <summary>
/// The <c>MockAccounts</c> configuration section: appsettings, <c>MockAccounts__*</c> environment
/// variables and <c>--MockAccounts:*</c> arguments, validated before anything starts. The options every
/// host shares (contracts, seed, validation, variants, …) and their defaults are <see cref="MockEngineOptions"/>'s;
/// these add the server's own. The in-process fixture's options derive from this type.
/// </summary>
public record MockAccountsOptions : MockEngineOptions
{
    /// <summary>Edits under the contract folders apply without a restart; a broken edit keeps the last good contracts.</summary>
    public bool HotReload { get; set; } = true;

    /// <summary>The largest request body read, on vendor and admin endpoints alike.</summary>
    public int MaxBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>What the request journal (<c>/__admin/requests</c>) keeps.</summary>
    public JournalOptions Journal { get; set; } = new();

    /// <summary>Protection of the admin API.</summary>
    public AdminOptions Admin { get; set; } = new();

    /// <summary>Stub mappings made through the admin API: where they are saved.</summary>
    public MappingOptions Mappings { get; init; } = new();

    /// <summary>One stdout line per vendor request.</summary>
    public bool RequestLog { get; set; } = true;

    /// <summary>How long in-flight requests may run after a stop signal.</summary>
    public TimeSpan ShutdownTimeout { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Throws <see cref="MockAccountsOptionsException"/> listing every <see cref="Problems"/>, if any.</summary>
    public void ThrowIfInvalid()
    {
        var problems = Problems();
        if (problems.Count > 0)
        {
            throw new MockAccountsOptionsException(problems);
        }
    }

    /// <summary>Every problem with these options, each naming the setting and what it accepts.</summary>
    public override IReadOnlyList<string> Problems()
    {
        var problems = new List<string>(base.Problems());
        if (Journal.Capacity is < 0 or > 1_000_000)
        {
            problems.Add($"{Section}:Journal:Capacity: {Journal.Capacity} is out of range (expected 0 to 1000000; 0 disables the journal)");
        }

        if (Journal.MaxBodyChars is < 0 or > 1024 * 1024)
        {
            problems.Add($"{Section}:Journal:MaxBodyChars: {Journal.MaxBodyChars} is out of range (expected 0 to 1048576)");
        }

        if (Admin.Key is { Length: < 8 })
        {
            problems.Add($"{Section}:Admin:Key: too short (expected at least 8 characters)");
        }

        if (MaxBodyBytes is < 1024 or > 64 * 1024 * 1024)
        {
            problems.Add($"{Section}:MaxBodyBytes: {MaxBodyBytes} is out of range (expected 1024 to 67108864)");
        }

        if (ShutdownTimeout < TimeSpan.Zero || ShutdownTimeout > TimeSpan.FromMinutes(5))
        {
            problems.Add($"{Section}:ShutdownTimeout: {ShutdownTimeout} is out of range (expected 00:00:00 to 00:05:00)");
        }

        return problems;
    }
}
