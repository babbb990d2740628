using System.Globalization;

namespace MockAccounts.Core.Runtime;

/// <summary>
/// What a request asks for itself: <c>Prefer: scenario=name</c>, Prism's <c>Prefer: code=429</c>,
/// or <c>X-Mock-Scenario: name</c>. A malformed ask is refused, never ignored: a typo that silently
/// served the default would make a consumer's test pass for the wrong reason.
/// </summary>
public sealed record ScenarioRequest(string? Name, int? Status)
{
    /// <summary>The named example asked for (<c>Prefer: example=name</c>, Prism's), or null.</summary>
    public string? Example { get; init; }

    /// <summary>The <c>Prefer</c> option that asks for a body generated from the schema (<c>dynamic=true</c>) or served from the examples (<c>false</c>).</summary>
    public const string DynamicPreference = "dynamic";

    /// <summary>The header that carries <c>scenario=</c>, <c>code=</c>, <c>variation=</c> and <c>variant=</c>.</summary>
    public const string PreferHeader = "Prefer";
    /// <summary>The header that names a scenario directly.</summary>
    public const string ScenarioHeader = "X-Mock-Scenario";
    /// <summary>The <c>Prefer</c> option that picks realistic or edge bodies for one request.</summary>
    public const string VariationPreference = "variation";
    /// <summary>The <c>Prefer</c> option that picks the vendor variant for one request.</summary>
    public const string VariantPreference = "variant";

    /// <summary>The options this mock reads from <c>Prefer</c>.</summary>
    public static readonly IReadOnlyList<string> Options = ["scenario=<name>", "code=<status>", "example=<name>", "dynamic=<true|false>", "variation=<realistic|edges>", "variant=<name>"];

    /// <summary>RFC 7240 preferences a client may send for the real API: accepted and ignored.</summary>
    private static readonly string[] StandardPreferences = ["respond-async", "return", "wait", "handling"];

    /// <summary>The names of <see cref="Options"/>, which a mistyped option is compared with.</summary>
    private static readonly string[] OptionNames = ["scenario", "code", VariationPreference, VariantPreference];

    /// <returns>The ask (null when the request asks nothing), or the problem with it.</returns>
    public static (ScenarioRequest? Request, ScenarioRequestProblem? Problem) From(Func<string, string?> header)
    {
        string? name = null;
        int? status = null;
        string? example = null;
        foreach (var part in (header(PreferHeader) ?? "").Split([',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var cut = part.IndexOf('=', StringComparison.Ordinal);
            var option = (cut < 0 ? part : part[..cut]).Trim().ToLowerInvariant();
            var value = cut < 0 ? null : part[(cut + 1)..].Trim().Trim('"');
            switch (option)
            {
                case "scenario" when string.IsNullOrWhiteSpace(value):
                    return (null, new ScenarioRequestProblem($"{PreferHeader}: {EchoedInput.Cut(part)} names no scenario (expected scenario=<name>)", ScenarioRequestProblem.About.Scenario));
                case "scenario":
                    name ??= value;
                    break;
                case "code" when value is { Length: 3 } && int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var code) && code >= 100:
                    status ??= code;
                    break;
                case "code":
                    return (null, new ScenarioRequestProblem($"{PreferHeader}: {EchoedInput.Cut(part)} is not a status code (expected code=<three digits>)", ScenarioRequestProblem.About.Status));
                case "example" when string.IsNullOrWhiteSpace(value):
                    return (null, new ScenarioRequestProblem($"{PreferHeader}: {EchoedInput.Cut(part)} names no example (expected example=<name>)", ScenarioRequestProblem.About.Scenario));
                case "example":
                    example ??= value;
                    break;
                case DynamicPreference when value is not ("true" or "false"):
                    return (null, new ScenarioRequestProblem($"{PreferHeader}: {EchoedInput.Cut(part)} is not a choice (expected dynamic=true or dynamic=false)", ScenarioRequestProblem.About.Option));
                case VariationPreference or VariantPreference or DynamicPreference:
                    // Read, and refused when unknown, where the vendor's variants and the variations are known.
                    break;
                default:
                    if (StandardPreferences.Contains(option, StringComparer.Ordinal))
                    {
                        break;
                    }

                    return (null, new ScenarioRequestProblem(
                        $"{PreferHeader}: '{EchoedInput.Cut(option)}' is not an option here (options: {string.Join(", ", Options)}; " +
                        $"accepted and ignored: {string.Join(", ", StandardPreferences)}).{ClosestName.DidYouMean(option, OptionNames.Concat(StandardPreferences))}",
                        ScenarioRequestProblem.About.Option));
            }
        }

        if (header(ScenarioHeader) is { } explicitName)
        {
            if (string.IsNullOrWhiteSpace(explicitName))
            {
                return (null, new ScenarioRequestProblem($"{ScenarioHeader} is empty (expected a scenario name)", ScenarioRequestProblem.About.Scenario));
            }

            name ??= explicitName.Trim();
        }

        return (name is null && status is null && example is null ? null : new ScenarioRequest(name, status) { Example = example }, null);
    }

    /// <summary>The value of one <c>Prefer</c> preference, e.g. <c>variation</c> in <c>Prefer: variation=edges</c>; null when not asked.</summary>
    public static string? Preference(Func<string, string?> header, string name)
    {
        var prefer = header(PreferHeader);
        if (prefer is null || !prefer.Contains(name, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        foreach (var part in prefer.Split([',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var cut = part.IndexOf('=', StringComparison.Ordinal);
            if (cut > 0 && string.Equals(part[..cut].Trim(), name, StringComparison.OrdinalIgnoreCase))
            {
                return part[(cut + 1)..].Trim().Trim('"');
            }
        }

        return null;
    }
}
