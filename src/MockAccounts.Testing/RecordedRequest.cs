using MockAccounts.AspNetCore.Journal;

namespace MockAccounts.Testing;

/// <summary>A request the mock received, as a test reads it from <see cref="MockAccountsServer.GetRequests(MockAccount)"/> or <see cref="MockAccountsServer.GetRequests()"/>.</summary>
public sealed record RecordedRequest(
    string? Vendor,
    string? Scenario,
    string? Token,
    string Method,
    string Path,
    string Url,
    int Status,
    IReadOnlyDictionary<string, string> Headers,
    string Body,
    DateTimeOffset At)
{
    internal static RecordedRequest From(JournalEntry entry) => new(
        entry.Vendor,
        entry.Scenario,
        entry.Token,
        entry.Method,
        entry.Path,
        entry.DisplayUrl,
        entry.Status,
        entry.DisplayHeaders.GroupBy(h => h.Key, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => string.Join(", ", g.Select(h => h.Value)), StringComparer.OrdinalIgnoreCase),
        entry.RequestBody,
        entry.LoggedAt);
}
