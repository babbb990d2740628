using System.Text.Json.Nodes;
using MockAccounts.Verification.Diff;

namespace MockAccounts.Verification.Reports;

/// <summary>The diff as JSON.</summary>
public static class DiffJson
{
    /// <summary>The JSON text of <paramref name="report"/>.</summary>
    /// <param name="report">The diff.</param>
    public static string Write(DiffReport report) => new JsonObject
    {
        ["changes"] = report.Total,
        ["breaking"] = report.Breaking,
        ["exitCode"] = report.ExitCode,
        ["vendors"] = new JsonArray(report.Vendors.Select(v => (JsonNode?)new JsonObject
        {
            ["vendor"] = v.Vendor,
            ["from"] = v.From,
            ["to"] = v.To,
            ["changes"] = new JsonArray(v.Changes.Select(c => (JsonNode?)new JsonObject
            {
                ["operation"] = c.Operation,
                ["where"] = c.Where,
                ["at"] = c.Pointer,
                ["kind"] = c.KindName,
                ["breaking"] = c.Breaking,
                ["change"] = c.Description,
                ["fromPointer"] = c.FromPointer,
                ["toPointer"] = c.ToPointer,
            }).ToArray()),
        }).ToArray()),
    }.ToJsonString(ReportJson.Options);
}
