namespace MockAccounts.Core.Runtime;

/// <summary>
/// What a request asks for itself: <c>Prefer: scenario=name</c>, Prism's <c>Prefer: code=429</c>,
/// or <c>X-Mock-Scenario: name</c>.
/// </summary>
public sealed record ScenarioRequest(string? Name, int? Status)
{
    public const string PreferHeader = "Prefer";
    public const string ScenarioHeader = "X-Mock-Scenario";

    public static ScenarioRequest? From(Func<string, string?> header)
    {
        string? name = null;
        int? status = null;
        foreach (var part in (header(PreferHeader) ?? "").Split([',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var cut = part.IndexOf('=', StringComparison.Ordinal);
            if (cut <= 0)
            {
                continue;
            }

            var value = part[(cut + 1)..].Trim().Trim('"');
            switch (part[..cut].Trim().ToLowerInvariant())
            {
                case "scenario":
                    name ??= value;
                    break;
                case "code" when int.TryParse(value, System.Globalization.CultureInfo.InvariantCulture, out var code):
                    status ??= code;
                    break;
            }
        }

        name ??= header(ScenarioHeader)?.Trim() is { Length: > 0 } explicitName ? explicitName : null;
        return name is null && status is null ? null : new ScenarioRequest(name, status);
    }
}
