using System.Globalization;
using System.Text.Json;

namespace MockAccounts.Verification;

/// <summary>
/// How observed values appear in reports: masked by default (types, lengths and enum values are shown; free
/// text, emails, ids and numbers are not), shown when asked. The credential never appears, shown or not.
/// </summary>
public sealed class ValueDisplay
{
    private const int MaxShown = 80;
    private const string Hidden = "****";
    private readonly string? _credential;

    /// <summary>A display policy.</summary>
    /// <param name="showValues">Show observed values (<c>--show-values</c>).</param>
    /// <param name="credential">The credential in use, redacted wherever it would appear.</param>
    public ValueDisplay(bool showValues, string? credential)
    {
        ShowValues = showValues;
        _credential = string.IsNullOrEmpty(credential) ? null : credential;
    }

    /// <summary>Masked, and nothing to redact.</summary>
    public static ValueDisplay Masked { get; } = new(false, null);

    /// <summary>Whether observed values are shown.</summary>
    public bool ShowValues { get; }

    /// <summary>A value in words: masked to its type and size unless shown or <paramref name="listed"/>.</summary>
    /// <param name="value">The value observed.</param>
    /// <param name="listed">The schema lists its values (an enum): the value is a category, not data, so it is shown.</param>
    public string Describe(JsonElement value, bool listed = false)
    {
        var show = ShowValues || listed;
        return value.ValueKind switch
        {
            JsonValueKind.Null or JsonValueKind.Undefined => "null",
            JsonValueKind.True => "true",
            JsonValueKind.False => "false",
            JsonValueKind.Number => show ? value.GetRawText()
                : value.GetRawText().AsSpan().IndexOfAny(".eE") >= 0 ? "a number with a fraction" : "an integer",
            JsonValueKind.String => show ? Quote(value.GetString()!) : $"a string of {Count(Contracts.JsonValues.Length(value.GetString()!), "character")}",
            JsonValueKind.Array => $"an array of {Count(value.GetArrayLength(), "item")}",
            _ => Object(value),
        };
    }

    /// <summary>A header's value: its length unless shown.</summary>
    /// <param name="value">The header's value.</param>
    public string Header(string value) => ShowValues ? Quote(value) : $"a value of {Count(value.Length, "character")}";

    /// <summary>Text with the credential replaced by <c>****</c>.</summary>
    /// <param name="text">Any text that may hold the credential.</param>
    public string Redact(string text) =>
        _credential is null ? text : text.Replace(_credential, Hidden, StringComparison.Ordinal);

    /// <summary>A URL without user information or query (either may hold a secret).</summary>
    /// <param name="url">An absolute URL.</param>
    public static string Url(Uri url) =>
        url.IsAbsoluteUri ? url.GetComponents(UriComponents.SchemeAndServer | UriComponents.Path, UriFormat.UriEscaped) + (url.Query.Length > 1 ? "?…" : "") : url.OriginalString;

    private string Quote(string text)
    {
        var redacted = Redact(text);
        var cut = redacted.Length > MaxShown ? redacted[..MaxShown] + "…" : redacted;
        return JsonSerializer.Serialize(cut, ReportJson.Options);
    }

    private static string Object(JsonElement value)
    {
        var names = value.EnumerateObject().Select(p => p.Name).ToArray();
        var listed = string.Join(", ", names.Take(6)) + (names.Length > 6 ? ", …" : "");
        return names.Length == 0 ? "an empty object" : $"an object with {Count(names.Length, "property", "properties")} ({listed})";
    }

    private static string Count(int count, string one, string? many = null) =>
        $"{count.ToString(CultureInfo.InvariantCulture)} {(count == 1 ? one : many ?? one + "s")}";
}
