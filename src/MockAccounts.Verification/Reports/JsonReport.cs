using System.Text.Json.Nodes;

namespace MockAccounts.Verification.Reports;

/// <summary>The report as JSON: summary, checks, each distinct drift once, notes.</summary>
public static class JsonReport
{
    /// <summary>The JSON text of <paramref name="report"/>.</summary>
    /// <param name="report">The report.</param>
    public static string Write(VerificationReport report) => ToJson(report).ToJsonString(ReportJson.Options);

    /// <summary>The report as a JSON object.</summary>
    /// <param name="report">The report.</param>
    public static JsonObject ToJson(VerificationReport report) => new()
    {
        ["vendor"] = report.Vendor,
        ["variant"] = report.Variant,
        ["source"] = report.Source,
        ["contract"] = report.ContractFile,
        ["summary"] = new JsonObject
        {
            ["checks"] = report.Checks.Count,
            ["ok"] = report.Count(CheckOutcome.Ok),
            ["drift"] = report.Count(CheckOutcome.Drift),
            ["error"] = report.Count(CheckOutcome.Error),
            ["distinctDrifts"] = report.Drifts.Count,
            ["exitCode"] = report.ExitCode,
        },
        ["checks"] = new JsonArray(report.Checks.Select(c => (JsonNode?)new JsonObject
        {
            ["operation"] = c.Operation,
            ["request"] = Names.Of(c.Request),
            ["check"] = Names.Of(c.Aspect),
            ["result"] = Names.Of(c.Outcome),
            ["detail"] = c.Detail,
            ["drifts"] = new JsonArray(c.Drifts.Select(d => (JsonNode?)report.IdOf(d)).Distinct().ToArray()),
        }).ToArray()),
        ["drifts"] = new JsonArray(report.Drifts.Select(e => (JsonNode?)new JsonObject
        {
            ["id"] = e.Id,
            ["kind"] = e.Drift.KindName,
            ["check"] = Names.Of(e.Drift.Aspect),
            ["responsePointer"] = e.Drift.Aspect == CheckAspect.Body ? e.Drift.Location : null,
            ["header"] = e.Drift.Aspect is CheckAspect.Headers or CheckAspect.ContentType ? e.Drift.Location : null,
            ["contractPointer"] = e.Drift.ContractPointer,
            ["contract"] = $"{report.ContractFile}#{e.Drift.ContractPointer}",
            ["expected"] = e.Drift.Expected,
            ["observed"] = e.Drift.Observed,
            ["suggestion"] = e.Drift.Suggestion,
            ["writable"] = e.Drift.Fix is not null,
            ["seenIn"] = new JsonArray(e.SeenIn.Select(s => (JsonNode?)s).ToArray()),
        }).ToArray()),
        ["notes"] = new JsonArray(report.Notes.Select(n => (JsonNode?)n).ToArray()),
    };
}
