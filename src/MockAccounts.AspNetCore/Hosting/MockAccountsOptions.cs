using System.Globalization;
using MockAccounts.Core.Loading;
using MockAccounts.Core.Runtime;

namespace MockAccounts.AspNetCore.Hosting;

/// <summary>
/// The <c>MockAccounts</c> configuration section: appsettings, <c>MockAccounts__*</c> environment
/// variables and <c>--MockAccounts:*</c> arguments, then code (<see cref="MockAccountsServiceCollectionExtensions.AddMockAccounts"/>'s
/// <c>configure</c>), validated before anything starts. Each default is written here once; the in-process
/// fixture's options derive from this type.
/// </summary>
public record MockAccountsOptions
{
    /// <summary>The configuration section these options are read from.</summary>
    public const string Section = "MockAccounts";

    /// <summary>The log category of the request log's lines when they go to a logger (a mounted mock's, a test's) rather than stdout.</summary>
    public const string RequestLogCategory = "MockAccounts.Requests";

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

    /// <summary>Serve a published spec's bodies generated from its schemas even where it gives examples (<c>Prefer: dynamic=true</c> for one request).</summary>
    public bool Dynamic { get; set; }

    /// <summary>Edits under the contract folders apply without a restart; a broken edit keeps the last good contracts.</summary>
    public bool HotReload { get; set; } = true;

    /// <summary>The largest request body read, on vendor and admin endpoints alike.</summary>
    public int MaxBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>What the request journal (<c>/__admin/requests</c>) keeps.</summary>
    public JournalOptions Journal { get; set; } = new();

    /// <summary>Per-token entries remembered (bindings, sequence positions, edits); the least recently used go first.</summary>
    public int MaxTokens { get; set; } = Core.Runtime.MockState.DefaultTokenCapacity;

    /// <summary>Protection of the admin API.</summary>
    public AdminOptions Admin { get; set; } = new();

    /// <summary>Stub mappings made through the admin API: where they are saved.</summary>
    public MappingOptions Mappings { get; init; } = new();

    /// <summary>One line per vendor request: on stdout for a server of its own, else to the logger (<see cref="RequestLogCategory"/>).</summary>
    public bool RequestLog { get; set; } = true;

    /// <summary>How long in-flight requests may run after a stop signal.</summary>
    public TimeSpan ShutdownTimeout { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The contract folders in load order: <see cref="Contracts"/> (or the copies beside the binary), then <see cref="ExtraContracts"/>.</summary>
    internal IReadOnlyList<ContractSources> Sources() =>
        [ContractSources.Under(Contracts ?? AppContext.BaseDirectory), .. ExtraContracts.Select(ContractSources.Under)];

    /// <summary>The moment relative dates count from: <see cref="ReferenceTime"/>, or today at midnight UTC.</summary>
    internal DateTimeOffset Reference() => ReferenceTime is null
        ? new DateTimeOffset(DateTime.UtcNow.Date, TimeSpan.Zero)
        : DateTimeOffset.Parse(ReferenceTime, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
}
