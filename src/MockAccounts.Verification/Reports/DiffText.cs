using System.Globalization;
using System.Text;
using MockAccounts.Verification.Diff;

namespace MockAccounts.Verification.Reports;

/// <summary>The readable diff: per vendor, one row per change, breaking ones first.</summary>
public static class DiffText
{
    /// <summary>The text of <paramref name="report"/>.</summary>
    /// <param name="report">The diff.</param>
    public static string Write(DiffReport report)
    {
        var text = new StringBuilder();
        foreach (var vendor in report.Vendors)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"{vendor.Vendor}: {vendor.From} → {vendor.To}");
            if (vendor.Changes.Count == 0)
            {
                text.AppendLine("  no changes");
            }
            else
            {
                var rows = vendor.Changes.OrderBy(c => c.Breaking ? 0 : 1).Select(c => new[]
                {
                    "  " + (c.Breaking ? "breaking" : "non-breaking"),
                    c.Operation,
                    c.Where,
                    c.Pointer.Length == 0 && c.Where.Contains("body", StringComparison.Ordinal) ? "(root)" : c.Pointer,
                    c.Description,
                }).ToList();
                TextReport.Table(text, ["  CLASS", "OPERATION", "WHERE", "AT", "CHANGE"], rows);
            }

            text.AppendLine();
        }

        text.Append(string.Create(CultureInfo.InvariantCulture, $"{report.Total} change{(report.Total == 1 ? "" : "s")}, {report.Breaking} breaking. Exit {report.ExitCode}."));
        return text.ToString();
    }
}
