namespace MockAccounts.Verification.Reports;

/// <summary>How a verification report is written.</summary>
public enum ReportFormat
{
    /// <summary>A readable table, then each drift once.</summary>
    Text,

    /// <summary>JSON for scripts.</summary>
    Json,

    /// <summary>JUnit XML: one test case per check, for CI dashboards.</summary>
    Junit,
}
