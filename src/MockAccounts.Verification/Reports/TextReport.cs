using System.Globalization;
using System.Text;

namespace MockAccounts.Verification.Reports;

/// <summary>The readable report: one row per check, then each distinct drift once with its expectation, observation and suggestion.</summary>
public static class TextReport
{
    /// <summary>The text of <paramref name="report"/>.</summary>
    /// <param name="report">The report.</param>
    public static string Write(VerificationReport report)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"verify {report.Vendor} (variant {report.Variant}) against {report.Source}");
        text.AppendLine(CultureInfo.InvariantCulture, $"contract: {report.ContractFile}");
        text.AppendLine();
        string[] header = ["OPERATION", "REQUEST", "CHECK", "RESULT", "DETAIL"];
        var rows = report.Checks.Select(c => new[]
        {
            c.Operation,
            Names.Of(c.Request),
            Names.Of(c.Aspect),
            Names.Of(c.Outcome),
            c.Outcome == CheckOutcome.Drift ? string.Join(" ", c.Drifts.Select(d => "#" + report.IdOf(d).ToString(CultureInfo.InvariantCulture)).Distinct()) : c.Detail,
        }).ToList();
        Table(text, header, rows);

        foreach (var entry in report.Drifts)
        {
            var drift = entry.Drift;
            text.AppendLine();
            text.AppendLine(CultureInfo.InvariantCulture, $"drift #{entry.Id}: {drift.KindName} at {drift.Where}");
            text.AppendLine(CultureInfo.InvariantCulture, $"  expected  {drift.Expected} ({report.ContractFile}#{drift.ContractPointer})");
            text.AppendLine(CultureInfo.InvariantCulture, $"  observed  {drift.Observed}");
            text.AppendLine(CultureInfo.InvariantCulture, $"  suggest   {drift.Suggestion}");
            text.AppendLine(CultureInfo.InvariantCulture, $"  seen in   {string.Join("; ", entry.SeenIn)}");
        }

        foreach (var note in report.Notes)
        {
            text.AppendLine();
            text.Append("note: ").AppendLine(note);
        }

        text.AppendLine();
        text.Append(Summary(report));
        return text.ToString();
    }

    /// <summary>The last line: counts and what the exit code means.</summary>
    /// <param name="report">The report.</param>
    public static string Summary(VerificationReport report)
    {
        var meaning = report.ExitCode switch
        {
            0 => "no drift",
            1 => "drift found",
            _ => "some checks could not be made",
        };
        return string.Create(CultureInfo.InvariantCulture,
            $"{report.Checks.Count} checks: {report.Count(CheckOutcome.Ok)} ok, {report.Count(CheckOutcome.Drift)} drift, {report.Count(CheckOutcome.Error)} error; {report.Drifts.Count} distinct drift{(report.Drifts.Count == 1 ? "" : "s")}. Exit {report.ExitCode} ({meaning}).");
    }

    internal static void Table(StringBuilder text, string[] header, List<string[]> rows)
    {
        var widths = Enumerable.Range(0, header.Length - 1).Select(i => rows.Select(r => r[i].Length).Append(header[i].Length).Max()).ToArray();
        foreach (var row in rows.Prepend(header))
        {
            for (var i = 0; i < widths.Length; i++)
            {
                text.Append(row[i].PadRight(widths[i] + 2));
            }

            text.AppendLine(row[^1].TrimEnd());
        }
    }
}
