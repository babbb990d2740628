using MockAccounts.AspNetCore.Journal;
using MockAccounts.Core.Runtime;

namespace MockAccounts.AspNetCore;

/// <summary>
/// The <c>MockAccounts</c> configuration section: appsettings, <c>MockAccounts__*</c> environment
/// variables and <c>--MockAccounts:*</c> arguments, then code (<see cref="Hosting.MockAccountsServiceCollectionExtensions.AddMockAccounts"/>'s
/// <c>configure</c>), validated before anything starts. The options every host shares (contracts, seed,
/// validation, variants, …) and their defaults are <see cref="MockEngineOptions"/>'s; these add the server's own.
/// The in-process fixture's options derive from this type.
/// </summary>
public record MockAccountsOptions : MockEngineOptions
{
    /// <summary>The log category of the request log's lines when they go to a logger (a mounted mock's, a test's) rather than stdout.</summary>
    public const string RequestLogCategory = "MockAccounts.Requests";

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

    /// <summary>Where the state lives: the process's own (default), or a Redis several replicas share.</summary>
    public StateOptions State { get; init; } = new();

    /// <summary>One line per vendor request: on stdout for a server of its own, else to the logger (<see cref="RequestLogCategory"/>).</summary>
    public bool RequestLog { get; set; } = true;

    /// <summary>How long in-flight requests may run after a stop signal.</summary>
    public TimeSpan ShutdownTimeout { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>What serving defaults to: the engine's, and the stub mappings' matching budget and template limits.</summary>
    public override ServingDefaults Defaults() => base.Defaults() with
    {
        MatchBudget = Mappings.MatchBudget,
        Templates = new Core.Mappings.TemplateLimits(Mappings.MaxTemplateChars, Mappings.MaxRenderedChars, Mappings.MaxRenderTime),
    };
}
