using System.Globalization;
using MockAccounts.Core.Generation;
using MockAccounts.Core.Loading;
using MockAccounts.Core.Routing;

namespace MockAccounts.Core.Runtime;

/// <summary>
/// What every MockAccounts host takes, whatever carries its requests (our Kestrel host, the NUnit fixture, a
/// WireMock.Net server): where the contracts are, how bodies are generated and validated, what is remembered
/// per token. Each default is written here once; a host's own options derive from this type.
/// </summary>
public record MockEngineOptions
{
    /// <summary>The configuration section these options are read from (and the prefix problems name settings by).</summary>
    public const string Section = "MockAccounts";

    /// <summary>A folder holding <c>schemas/</c> and <c>mocks/</c>; default: the copies beside the binary.</summary>
    public string? Contracts { get; set; }

    /// <summary>Further contract folders, loaded after <see cref="Contracts"/>: a vendor here replaces one of the same name.</summary>
    public IReadOnlyList<string> ExtraContracts { get; set; } = [];

    /// <summary>With the vendor and the token, fixes every generated value.</summary>
    public int Seed { get; set; } = GenerationOptions.DefaultSeed;

    /// <summary>The moment relative dates count from (ISO 8601); default: today, midnight UTC.</summary>
    public string? ReferenceTime { get; set; }

    /// <summary><c>Strict</c>: a response that breaks its contract becomes a 500 listing the violations; <c>Warn</c>: sent with them in a header; <c>Off</c>.</summary>
    public ValidationMode Validation { get; set; } = ValidationMode.Strict;

    /// <summary><c>realistic</c>, or <c>edges</c>: successive requests walk what each contract allows.</summary>
    public Variation Variation { get; set; } = Variation.Realistic;

    /// <summary>Vendor → the variant served from the start (e.g. <c>MockAccounts__Variants__opterius=v2.7.0</c>).</summary>
    public Dictionary<string, string> Variants { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Refuse credentials that lack the shape their contract declares (<c>x-mock-credential</c>) with the vendor's 401.</summary>
    public bool CheckCredentialFormats { get; set; } = true;

    /// <summary>Per-token entries remembered (bindings, sequence positions, edits); the least recently used go first.</summary>
    public int MaxTokens { get; set; } = MockState.DefaultTokenCapacity;

    /// <summary>Estimated bytes all remembered tokens may hold together; past it the least recently used go first.</summary>
    public long MaxTokenMemoryBytes { get; set; } = MockState.DefaultTokenByteCapacity;

    /// <summary>Serve a published spec's bodies generated from its schemas even where it gives examples (<c>Prefer: dynamic=true</c> for one request).</summary>
    public bool Dynamic { get; set; }

    /// <summary>The contract folders in load order: <see cref="Contracts"/> (or the copies beside the binary), then <see cref="ExtraContracts"/>.</summary>
    public IReadOnlyList<ContractSources> Sources() =>
        [ContractSources.Under(Contracts ?? AppContext.BaseDirectory), .. ExtraContracts.Select(ContractSources.Under)];

    /// <summary>The moment relative dates count from: <see cref="ReferenceTime"/>, or today at midnight UTC on <paramref name="time"/>.</summary>
    /// <param name="time">The clock "today" is read from; default: the system's.</param>
    public DateTimeOffset Reference(TimeProvider? time = null) => ReferenceTime is null
        ? new DateTimeOffset((time ?? TimeProvider.System).GetUtcNow().UtcDateTime.Date, TimeSpan.Zero)
        : DateTimeOffset.Parse(ReferenceTime, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

    /// <summary>The server-wide serving choices these options make.</summary>
    public virtual ServingDefaults Defaults() => new()
    {
        Variation = Variation,
        Variants = Variants,
        CheckCredentialFormats = CheckCredentialFormats,
        Dynamic = Dynamic,
    };

    /// <summary>Every problem with these options that shows before the contracts load, each naming the setting and what it accepts.</summary>
    public virtual IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        Folder(problems, $"{Section}:Contracts", Contracts);
        for (var i = 0; i < ExtraContracts.Count; i++)
        {
            Folder(problems, string.Create(CultureInfo.InvariantCulture, $"{Section}:ExtraContracts:{i}"), ExtraContracts[i]);
        }

        if (ReferenceTime is not null && !DateTimeOffset.TryParse(ReferenceTime, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out _))
        {
            problems.Add($"{Section}:ReferenceTime: '{ReferenceTime}' is not an ISO 8601 date or time (e.g. 2026-01-31 or 2026-01-31T12:00:00Z)");
        }

        if (MaxTokens is < 1 or > 10_000_000)
        {
            problems.Add($"{Section}:MaxTokens: {MaxTokens} is out of range (expected 1 to 10000000)");
        }

        if (MaxTokenMemoryBytes is < 1024 * 1024 or > 64L * 1024 * 1024 * 1024)
        {
            problems.Add($"{Section}:MaxTokenMemoryBytes: {MaxTokenMemoryBytes} is out of range (expected 1048576 to 68719476736)");
        }

        return problems;

        static void Folder(List<string> problems, string setting, string? folder)
        {
            if (folder is not null && !Directory.Exists(folder))
            {
                var absolute = Path.GetFullPath(folder);
                problems.Add(absolute == folder
                    ? $"{setting}: folder '{folder}' does not exist (expected a folder holding schemas/ and mocks/)"
                    : $"{setting}: folder '{folder}' does not exist: looked for {absolute} (a relative folder counts from the current directory; expected a folder holding schemas/ and mocks/)");
            }
        }
    }

    /// <summary>The problems only the loaded contracts show: a chosen variant naming a vendor or variant they lack.</summary>
    /// <param name="loaded">The contracts loaded with these options.</param>
    public IReadOnlyList<string> ProblemsWith(ContractSet loaded)
    {
        ArgumentNullException.ThrowIfNull(loaded);
        return Variants
            .Select(p => loaded.Find(p.Key) is not { } vendor
                ? $"{Section}:Variants:{p.Key}: no vendor '{p.Key}' (vendors: {string.Join(", ", loaded.Vendors.Keys)}).{ClosestName.DidYouMean(p.Key, loaded.Vendors.Keys)}"
                : vendor.Variants.ContainsKey(p.Value) ? null
                : $"{Section}:Variants:{p.Key}: '{vendor.Name}' has no variant '{p.Value}' (variants: {string.Join(", ", vendor.Variants.Keys)}).{ClosestName.DidYouMean(p.Value, vendor.Variants.Keys)}")
            .OfType<string>()
            .ToArray();
    }
}
