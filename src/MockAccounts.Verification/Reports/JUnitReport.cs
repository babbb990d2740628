using System.Globalization;
using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace MockAccounts.Verification.Reports;

/// <summary>The report as JUnit XML: a suite per vendor, a test case per check; drift is a failure, error an error.</summary>
public static class JUnitReport
{
    /// <summary>The XML text of <paramref name="report"/>.</summary>
    /// <param name="report">The report.</param>
    public static string Write(VerificationReport report)
    {
        var failures = report.Count(CheckOutcome.Drift).ToString(CultureInfo.InvariantCulture);
        var errors = report.Count(CheckOutcome.Error).ToString(CultureInfo.InvariantCulture);
        var tests = report.Checks.Count.ToString(CultureInfo.InvariantCulture);
        var time = Seconds(report.Checks.GroupBy(c => (c.Operation, c.Request)).Sum(g => g.First().Elapsed.TotalSeconds));
        var suite = new XElement("testsuite",
            new XAttribute("name", $"{report.Vendor} ({report.Variant})"),
            new XAttribute("tests", tests),
            new XAttribute("failures", failures),
            new XAttribute("errors", errors),
            new XAttribute("skipped", "0"),
            new XAttribute("time", time),
            new XElement("properties",
                new XElement("property", new XAttribute("name", "source"), new XAttribute("value", report.Source)),
                new XElement("property", new XAttribute("name", "contract"), new XAttribute("value", report.ContractFile))),
            report.Checks.Select(c => Case(report, c)));
        var document = new XDocument(new XDeclaration("1.0", "utf-8", null),
            new XElement("testsuites",
                new XAttribute("name", "mockaccounts verify"),
                new XAttribute("tests", tests),
                new XAttribute("failures", failures),
                new XAttribute("errors", errors),
                new XAttribute("time", time),
                suite));
        var text = new StringBuilder();
        using (var writer = XmlWriter.Create(new StringWriter(text, CultureInfo.InvariantCulture), new XmlWriterSettings { Indent = true, Encoding = Encoding.UTF8 }))
        {
            document.Save(writer);
        }

        return text.ToString().Replace("encoding=\"utf-16\"", "encoding=\"utf-8\"", StringComparison.Ordinal);
    }

    private static XElement Case(VerificationReport report, CheckResult check)
    {
        var element = new XElement("testcase",
            new XAttribute("classname", $"{report.Vendor}.{check.Operation}"),
            new XAttribute("name", $"{Names.Of(check.Request)} {Names.Of(check.Aspect)}"),
            new XAttribute("time", Seconds(check.Elapsed.TotalSeconds)));
        switch (check.Outcome)
        {
            case CheckOutcome.Drift:
                var entries = check.Drifts.Select(d => report.Drifts.First(e => e.Id == report.IdOf(d))).DistinctBy(e => e.Id).ToArray();
                element.Add(new XElement("failure",
                    new XAttribute("type", "drift"),
                    new XAttribute("message", string.Join("; ", entries.Select(e => $"{e.Drift.KindName} at {e.Drift.Where}"))),
                    string.Join("\n\n", entries.Select(e => Describe(report, e)))));
                break;
            case CheckOutcome.Error:
                element.Add(new XElement("error", new XAttribute("type", "error"), new XAttribute("message", check.Detail)));
                break;
            default:
                element.Add(new XElement("system-out", check.Detail));
                break;
        }

        return element;
    }

    private static string Describe(VerificationReport report, DriftEntry entry) =>
        $"""
        drift #{entry.Id}: {entry.Drift.KindName} at {entry.Drift.Where}
        expected: {entry.Drift.Expected} ({report.ContractFile}#{entry.Drift.ContractPointer})
        observed: {entry.Drift.Observed}
        suggest:  {entry.Drift.Suggestion}
        """;

    private static string Seconds(double seconds) => seconds.ToString("0.000", CultureInfo.InvariantCulture);
}
