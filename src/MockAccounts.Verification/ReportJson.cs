using System.Text.Encodings.Web;
using System.Text.Json;

namespace MockAccounts.Verification;

/// <summary>How reports and recordings write JSON: indented, and non-ASCII text as it is.</summary>
public static class ReportJson
{
    /// <summary>Indented, relaxed escaping (reports are read by people and parsers, never embedded in HTML).</summary>
    public static JsonSerializerOptions Options { get; } = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
}
