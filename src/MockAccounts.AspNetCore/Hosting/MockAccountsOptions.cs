using System.Globalization;
using MockAccounts.Core.Loading;
using MockAccounts.Core.Runtime;

namespace MockAccounts.AspNetCore.Hosting;

/// <summary>
/// The <c>MockAccounts</c> configuration section: appsettings, <c>MockAccounts__*</c> environment
/// variables and <c>--MockAccounts:*</c> arguments, validated before anything starts. Each default is
/// written here once; the in-process fixture's options derive from this type.
/// </summary>
public record MockAccountsOptions
{
    /// <summary>The configuration section these options are read from.</summary>
    public const string Section = "MockAccounts";

    /// <summary>A folder holding <c>schemas/</c> and <c>mocks/</c>; default: the copies beside the binary.</summary>
    public string? Contracts { get; set; }

    /// <summary>Further contract folders, loaded after <see cref="Contracts"/>: a vendor here replaces one of the same name.</summary>
    public IReadOnlyList<string> ExtraContracts { get; set; } = [];

    /// <summary>With the vendor and the token, fixes every generated value.</summary>
    public int Seed { get; set; } = Core.Generation.GenerationOptions.DefaultSeed;

    /// <summary>The moment relative dates count from (ISO 8601); default: today, midnight UTC.</summary>
    public string? ReferenceTime { get; set; }

    /// <summary><c>Strict</c>: a response that breaks its contract becomes a 500 listing the violations; <c>Warn</c>: sent with them in a header; <c>Off</c>.</summary>
    public ValidationMode Validation { get; set; } = ValidationMode.Strict;

    /// <summary><c>realistic</c>, or <c>edges</c>: successive requests walk what each contract allows.</summary>
    public Core.Generation.Variation Variation { get; set; } = Core.Generation.Variation.Realistic;

    /// <summary>Vendor → the variant served from the start (e.g. <c>MockAccounts__Variants__opterius=v2.7.0</c>).</summary>
    public Dictionary<string, string> Variants { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Refuse credentials that lack the shape their contract declares (<c>x-mock-credential</c>) with the vendor's 401.</summary>
    public bool CheckCredentialFormats { get; set; } = true;

    /// <summary>Edits under the contract folders apply without a restart; a broken edit keeps the last good contracts.</summary>
    public bool HotReload { get; set; } = true;

    /// <summary>The largest request body read, on vendor and admin endpoints alike.</summary>
    public int MaxBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>What the request journal (<c>/__admin/requests</c>) keeps.</summary>
    public JournalOptions Journal { get; set; } = new();

    /// <summary>Tokens remembered (bindings, sequence positions, edits, variations; one entry per token); the least recently used go first.</summary>
    public int MaxTokens { get; set; } = Core.Runtime.MockState.DefaultTokenCapacity;

    /// <summary>Estimated bytes all remembered tokens may hold together; past it the least recently used go first.</summary>
    public long MaxTokenMemoryBytes { get; set; } = Core.Runtime.MockState.DefaultTokenByteCapacity;

    /// <summary>Protection of the admin API.</summary>
    public AdminOptions Admin { get; set; } = new();

    /// <summary>Stub mappings made through the admin API: where they are saved.</summary>
    public MappingOptions Mappings { get; init; } = new();

    /// <summary>One stdout line per vendor request.</summary>
    public bool RequestLog { get; set; } = true;

    /// <summary>How long in-flight requests may run after a stop signal.</summary>
    public TimeSpan ShutdownTimeout { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The contract folders in load order: <see cref="Contracts"/> (or the copies beside the binary), then <see cref="ExtraContracts"/>.</summary>
    public IReadOnlyList<ContractSources> Sources() =>
        [ContractSources.Under(Contracts ?? AppContext.BaseDirectory), .. ExtraContracts.Select(ContractSources.Under)];

    /// <summary>The moment relative dates count from: <see cref="ReferenceTime"/>, or today at midnight UTC.</summary>
    public DateTimeOffset Reference() => ReferenceTime is null
        ? new DateTimeOffset(DateTime.UtcNow.Date, TimeSpan.Zero)
        : DateTimeOffset.Parse(ReferenceTime, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

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
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        foreach (var root in new[] { Contracts }.Concat(ExtraContracts).OfType<string>().Where(r => !Directory.Exists(r)))
        {
            problems.Add($"{Section}:Contracts / ExtraContracts: folder '{root}' does not exist (expected a folder holding schemas/ and mocks/)");
        }

        if (ReferenceTime is not null && !DateTimeOffset.TryParse(ReferenceTime, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out _))
        {
            problems.Add($"{Section}:ReferenceTime: '{ReferenceTime}' is not an ISO 8601 date or time (e.g. 2026-01-31 or 2026-01-31T12:00:00Z)");
        }

        if (Journal.Capacity is < 0 or > 1_000_000)
        {
            problems.Add($"{Section}:Journal:Capacity: {Journal.Capacity} is out of range (expected 0 to 1000000; 0 disables the journal)");
        }

        if (MaxTokens is < 1 or > 10_000_000)
        {
            problems.Add($"{Section}:MaxTokens: {MaxTokens} is out of range (expected 1 to 10000000)");
        }

        if (MaxTokenMemoryBytes is < 1024 * 1024 or > 64L * 1024 * 1024 * 1024)
        {
            problems.Add($"{Section}:MaxTokenMemoryBytes: {MaxTokenMemoryBytes} is out of range (expected 1048576 to 68719476736)");
        }

        if (Journal.MaxBodyChars is < 0 or > 1024 * 1024)
        {
            problems.Add($"{Section}:Journal:MaxBodyChars: {Journal.MaxBodyChars} is out of range (expected 0 to 1048576)");
        }

        if (Journal.MaxHeaderChars is < 0 or > 1024 * 1024)
        {
            problems.Add($"{Section}:Journal:MaxHeaderChars: {Journal.MaxHeaderChars} is out of range (expected 0 to 1048576)");
        }

        if (Admin.Key is { Length: < 8 })
        {
            problems.Add($"{Section}:Admin:Key: too short (expected at least 8 characters)");
        }

        if (MaxBodyBytes is < 1024 or > 64 * 1024 * 1024)
        {
            problems.Add($"{Section}:MaxBodyBytes: {MaxBodyBytes} is out of range (expected 1024 to 67108864)");
        }

        CheckDuration(problems, "Mappings:MatchBudget", Mappings.MatchBudget, TimeSpan.FromMinutes(1));
        CheckDuration(problems, "Mappings:QueryBudget", Mappings.QueryBudget, TimeSpan.FromMinutes(10));
        CheckDuration(problems, "Mappings:MaxRenderTime", Mappings.MaxRenderTime, TimeSpan.FromMinutes(1));
        if (Mappings.MaxTemplateChars is < 1 or > 16 * 1024 * 1024)
        {
            problems.Add($"{Section}:Mappings:MaxTemplateChars: {Mappings.MaxTemplateChars} is out of range (expected 1 to 16777216)");
        }

        if (Mappings.MaxRenderedChars is < 1 or > 256 * 1024 * 1024)
        {
            problems.Add($"{Section}:Mappings:MaxRenderedChars: {Mappings.MaxRenderedChars} is out of range (expected 1 to 268435456)");
        }

        if (Mappings.MaxCount is < 1 or > 1_000_000)
        {
            problems.Add($"{Section}:Mappings:MaxCount: {Mappings.MaxCount} is out of range (expected 1 to 1000000)");
        }

        if (ShutdownTimeout < TimeSpan.Zero || ShutdownTimeout > TimeSpan.FromMinutes(5))
        {
            problems.Add($"{Section}:ShutdownTimeout: {ShutdownTimeout} is out of range (expected 00:00:00 to 00:05:00)");
        }

        return problems;
    }

    private static void CheckDuration(List<string> problems, string name, TimeSpan value, TimeSpan max)
    {
        if (value <= TimeSpan.Zero || value > max)
        {
            problems.Add($"{Section}:{name}: {value} is out of range (expected more than 00:00:00, at most {max})");
        }
    }
}
