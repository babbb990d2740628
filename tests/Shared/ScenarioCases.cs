using System.Text.Json.Nodes;

namespace MockAccounts.Tests.Support;

/// <summary>
/// Every (vendor, variant, scenario) named in the repository's catalogue files, read straight from
/// the files so that test discovery needs no loaded engine.
/// </summary>
public static class ScenarioCases
{
    public static IEnumerable<TestCaseData> All() =>
        Catalogues().SelectMany(c => c.Scenarios.Select(s =>
            new TestCaseData(c.Vendor, c.Variant, s).SetName($"{c.Vendor}.{c.Variant}.{s}")));

    public static IEnumerable<(string Vendor, string Variant, IReadOnlyList<string> Scenarios)> Catalogues()
    {
        var mocks = Path.Combine(Repository.Root, "mocks");
        foreach (var file in Directory.GetFiles(mocks, "scenarios.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var parts = Path.GetRelativePath(mocks, file).Split(Path.DirectorySeparatorChar);
            var variant = parts.Length == 4 && parts[1] == "variants" ? parts[2] : "documented";
            var names = JsonNode.Parse(File.ReadAllText(file))!["scenarios"]!.AsArray()
                .Select(s => s!["name"]!.GetValue<string>()).ToArray();
            yield return (parts[0], variant, names);
        }
    }
}
