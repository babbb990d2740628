using MockAccounts.Core.Generation;

namespace MockAccounts.Core.Runtime;

/// <summary>Server-wide choices, the last rule before the contracts' own defaults.</summary>
public sealed record ServingDefaults
{
    /// <summary>Realistic bodies, documented variants, credential formats checked.</summary>
    public static readonly ServingDefaults Standard = new();

    /// <summary>The variation when neither the request, the token nor the vendor picks one.</summary>
    public Variation Variation { get; init; } = Variation.Realistic;

    /// <summary>Vendor → variant served when the admin API has not switched it (e.g. <c>opterius → v2.7.0</c>).</summary>
    public IReadOnlyDictionary<string, string> Variants { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>Hold credentials to the shape their contract declares (<c>x-mock-credential</c>).</summary>
    public bool CheckCredentialFormats { get; init; } = true;

    /// <summary>Generate a published spec's bodies from its schemas even where it gives examples (as <c>Prefer: dynamic=true</c> does for one request).</summary>
    public bool Dynamic { get; init; }
    /// <summary>How long matching one request against the stub mappings may take in all (regular expressions, JSONPath).</summary>
    public TimeSpan MatchBudget { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The setting <see cref="MatchBudget"/> comes from, named when a request spends it.</summary>
    public string MatchBudgetSetting { get; init; } = "MockAccounts:Mappings:MatchBudget";

    /// <summary>What one render of a response template may produce and take.</summary>
    public Mappings.TemplateLimits Templates { get; init; } = Mappings.TemplateLimits.Default;
}
