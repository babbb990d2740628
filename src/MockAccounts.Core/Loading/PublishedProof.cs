using System.Text.Json.Nodes;
using MockAccounts.Core.Contracts;

namespace MockAccounts.Core.Loading;

/// <summary>
/// What the proof of a published spec finds and a proven start must still know, remembered in the proof cache
/// beside the proof: the examples that break their schema (not served) and the warnings only the proof raises
/// (Microsoft.OpenApi's rules, those examples), so a proven start says the same as the start that proved.
/// </summary>
internal static class PublishedProof
{
    public static string Write(IReadOnlyCollection<string> invalidExamples, IReadOnlyList<ContractWarning> warnings) =>
        new JsonObject
        {
            ["invalidExamples"] = new JsonArray(invalidExamples.Select(e => (JsonNode)e).ToArray()),
            ["warnings"] = new JsonArray(warnings.Select(w => (JsonNode)new JsonObject { ["file"] = w.File, ["location"] = w.Location, ["message"] = w.Message }).ToArray()),
        }.ToJsonString();

    /// <summary>What <see cref="Write"/> wrote; an unreadable note (a proof from an older build) reads as nothing found.</summary>
    public static (IReadOnlyCollection<string> InvalidExamples, IReadOnlyList<ContractWarning> Warnings) Parse(string remembered)
    {
        try
        {
            var root = JsonNode.Parse(remembered) as JsonObject;
            var invalid = (root?["invalidExamples"] as JsonArray ?? []).Select(e => e?.ToString() ?? "").ToHashSet(StringComparer.Ordinal);
            var warnings = (root?["warnings"] as JsonArray ?? []).OfType<JsonObject>()
                .Select(w => new ContractWarning(w["file"]?.ToString() ?? "", w["location"]?.ToString() ?? "", w["message"]?.ToString() ?? "")).ToArray();
            return (invalid, warnings);
        }
        catch (System.Text.Json.JsonException)
        {
            return ([], []);
        }
    }
}
