using System.Text;
using MockAccounts.Core.Http;

namespace MockAccounts.Core.Mappings;

/// <summary>
/// A request as matchers read it: the query, cookies and body text are decoded once, on first use,
/// however many mappings are tried against it.
/// </summary>
public sealed class RequestView
{
    private readonly MockRequest _request;
    private Dictionary<string, List<string>>? _query;
    private Dictionary<string, string>? _cookies;
    private string? _body;

    /// <summary>A view of <paramref name="request"/> that parses its body, query and cookies on first use.</summary>
    /// <param name="request">The request being matched.</param>
    public RequestView(MockRequest request) => _request = request;

    /// <summary>The request as the core received it.</summary>
    public MockRequest Request => _request;

    /// <summary>The HTTP method, upper case.</summary>
    public string Method => _request.Method;

    /// <summary>The path without its query string.</summary>
    public string Path => _request.Path;

    /// <summary>The path with its query string, as WireMock's <c>url</c> compares it.</summary>
    public string Url => _request.Path + _request.Query;

    /// <summary>The body as UTF-8 text (decoded once).</summary>
    public string Body => _body ??= Encoding.UTF8.GetString(_request.Body.Span);

    /// <summary>The query parameters by name, each with every value sent.</summary>
    public IReadOnlyDictionary<string, List<string>> Query => _query ??= ParseQuery(_request.Query);

    /// <summary>The cookies of the <c>Cookie</c> header by name.</summary>
    public IReadOnlyDictionary<string, string> Cookies => _cookies ??= ParseCookies(Header("Cookie"));

    /// <summary>A header's value (case-insensitive name), or null when absent.</summary>
    /// <param name="name">The header name.</param>
    public string? Header(string name) => _request.Header(name);

    /// <summary>Every value of one query parameter; empty when it is absent.</summary>
    /// <param name="name">The parameter name.</param>
    public IReadOnlyList<string> QueryValues(string name) => Query.TryGetValue(name, out var values) ? values : [];

    private static Dictionary<string, List<string>> ParseQuery(string query)
    {
        var parsed = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var pair in query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            var name = Decode(equals < 0 ? pair : pair[..equals]);
            var value = equals < 0 ? "" : Decode(pair[(equals + 1)..]);
            if (!parsed.TryGetValue(name, out var values))
            {
                parsed[name] = values = [];
            }

            values.Add(value);
        }

        return parsed;
    }

    private static Dictionary<string, string> ParseCookies(string? header)
    {
        var cookies = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var part in (header ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var equals = part.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0)
            {
                cookies.TryAdd(part[..equals], part[(equals + 1)..]);
            }
        }

        return cookies;
    }

    private static string Decode(string text) => Uri.UnescapeDataString(text.Replace('+', ' '));
}
