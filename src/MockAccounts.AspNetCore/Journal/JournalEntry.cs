using MockAccounts.AspNetCore.Http;
using MockAccounts.Core.Http;
using MockAccounts.Core.Mappings;
using MockAccounts.Core.Runtime;

namespace MockAccounts.AspNetCore.Journal;

/// <summary>One served request as the journal keeps it.</summary>
public sealed record JournalEntry(
    Guid Id,
    DateTimeOffset LoggedAt,
    string Method,
    string Url,
    string Path,
    string AbsoluteUrl,
    string Protocol,
    string ClientIp,
    IReadOnlyList<KeyValuePair<string, string>> RequestHeaders,
    string RequestBody,
    int Status,
    IReadOnlyList<KeyValuePair<string, string>> ResponseHeaders,
    byte[] ResponseBytes,
    string? Vendor,
    string? Variant,
    string? Scenario,
    string? Token,
    bool WasMatched,
    double ElapsedMs)
{
    /// <summary>The response body as text. The entry keeps the response's own bytes (shared, not copied) and decodes on demand.</summary>
    public string ResponseBody => System.Text.Encoding.UTF8.GetString(ResponseBytes);

    /// <summary>The stub mapping that answered, if one did.</summary>
    public StubMapping? Stub { get; init; }

    /// <summary>The request as matchers read it (the journal's find / count / remove and near misses share the stubs' matcher).</summary>
    public RequestView AsRequest() => new(new MockRequest(
        Method, Path, RequestHeader, System.Text.Encoding.UTF8.GetBytes(RequestBody), Url.Length > Path.Length ? Url[Path.Length..] : ""));

    /// <summary>The token as the admin API shows it (redacted unless credentials are kept).</summary>
    public string? DisplayToken { get; init; } = Token;

    /// <summary>
    /// The request headers as the admin API shows them: credentials redacted (HTTP's own and every header a
    /// loaded contract reads one from) unless credentials are kept. <see cref="RequestHeaders"/> are what request
    /// patterns match: as sent, except that a credential is there only as a digest unless credentials are kept.
    /// </summary>
    public IReadOnlyList<KeyValuePair<string, string>> DisplayHeaders { get; init; } = RequestHeaders;

    /// <summary>The path and query as the admin API shows them: a credential the query carries redacted unless credentials are kept.</summary>
    public string DisplayUrl { get; init; } = Url;

    /// <summary>Why the scenario that answered was chosen (<c>request-header</c>, <c>token-binding</c>, <c>vendor-state</c>, <c>default</c>, <c>missing-credentials</c>), or null.</summary>
    public string? ScenarioSource { get; init; }

    /// <summary>The simulated network failure, or null.</summary>
    public string? Fault { get; init; }

    /// <summary>How the request ended (see <see cref="Outcomes"/>).</summary>
    public string Outcome { get; init; } = Outcomes.Sent;

    /// <summary>The first request header called <paramref name="name"/> (case-insensitive) as the client sent it, or null.</summary>
    public string? RequestHeader(string name) =>
        RequestHeaders.FirstOrDefault(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Value;
}
