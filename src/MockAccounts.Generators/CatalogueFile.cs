using System.Collections.Generic;
using System.Text.Json;

namespace MockAccounts.Generators;

/// <summary>What one scenario catalogue contributes to the typed names: its vendor, variant and scenarios.</summary>
internal sealed record CatalogueFile(string Path, string Vendor, string? Variant, EquatableArray<ScenarioName> Scenarios, string? Error)
{
    /// <summary>
    /// Reads <c>mocks/&lt;vendor&gt;/scenarios.json</c> or <c>mocks/&lt;vendor&gt;/variants/&lt;variant&gt;/scenarios.json</c>;
    /// null for any other file. The loader proves the catalogue when the mock starts; here a file that
    /// does not parse is reported, not guessed at.
    /// </summary>
    public static CatalogueFile? Read(string path, string? text)
    {
        var segments = path.Replace('\\', '/').Split('/');
        var n = segments.Length;
        if (n < 3 || segments[n - 1] != "scenarios.json")
        {
            return null;
        }

        string vendor;
        string? variant = null;
        if (segments[n - 3] == "mocks")
        {
            vendor = segments[n - 2];
        }
        else if (n >= 5 && segments[n - 3] == "variants" && segments[n - 5] == "mocks")
        {
            vendor = segments[n - 4];
            variant = segments[n - 2];
        }
        else
        {
            return null;
        }

        var scenarios = new List<ScenarioName>();
        try
        {
            using var document = JsonDocument.Parse(text ?? "", new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });
            if (document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("scenarios", out var list)
                && list.ValueKind == JsonValueKind.Array)
            {
                foreach (var scenario in list.EnumerateArray())
                {
                    if (scenario.ValueKind == JsonValueKind.Object
                        && scenario.TryGetProperty("name", out var name) && name.ValueKind == JsonValueKind.String)
                    {
                        var description = scenario.TryGetProperty("description", out var d) && d.ValueKind == JsonValueKind.String ? d.GetString() : null;
                        scenarios.Add(new ScenarioName(name.GetString()!, description));
                    }
                }
            }
        }
        catch (JsonException e)
        {
            return new CatalogueFile(path, vendor, variant, default, e.Message);
        }

        return new CatalogueFile(path, vendor, variant, new EquatableArray<ScenarioName>(scenarios.ToArray()), null);
    }
}
