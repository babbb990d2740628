using System.Globalization;
using System.Text;
using MockAccounts.AspNetCore.Journal;

namespace MockAccounts.AspNetCore.Admin;

/// <summary>Journal entries in WireMock's logged-request and serve-event shapes.</summary>
internal static class ServeEvents
{
    public static LoggedRequestDto Request(JournalEntry entry) => new(
        entry.DisplayUrl,
        entry.AbsoluteUrl,
        entry.Method,
        entry.ClientIp,
        Fold(entry.DisplayHeaders),
        new Dictionary<string, string>(),
        false,
        entry.LoggedAt.ToUnixTimeMilliseconds(),
        entry.LoggedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
        entry.RequestBody,
        Convert.ToBase64String(Encoding.UTF8.GetBytes(entry.RequestBody)),
        entry.Protocol);

    public static ServeEventDto Event(JournalEntry entry, int maxBodyChars) => new(
        entry.Id.ToString(),
        Request(entry),
        new ResponseDefinitionDto(entry.Status),
        new LoggedResponseDto(entry.Status, Fold(entry.ResponseHeaders), Journal.Redaction.Body(entry.ResponseBody, maxBodyChars)),
        entry.WasMatched,
        new TimingDto(entry.ElapsedMs, entry.ElapsedMs),
        new MockAccountsDto(entry.Vendor, entry.Variant, entry.Scenario, entry.DisplayToken)
        {
            ScenarioSource = entry.ScenarioSource,
            Fault = entry.Fault,
            Outcome = entry.Outcome,
        },
        entry.Stub?.Json);

    private static Dictionary<string, string> Fold(IEnumerable<KeyValuePair<string, string>> headers)
    {
        var folded = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in headers)
        {
            folded[name] = folded.TryGetValue(name, out var existing) ? $"{existing}, {value}" : value;
        }

        return folded;
    }
}
