using MockAccounts.Core.Http;
using MockAccounts.Core.Responses;

namespace MockAccounts.Core.Mappings;

/// <summary>
/// What a stub mapping answers. A templated response (<c>"transformers": ["response-template"]</c>)
/// keeps its body and header values as templates, rendered per request.
/// </summary>
public sealed record StubResponse(
    int Status,
    string? StatusMessage,
    IReadOnlyList<KeyValuePair<string, string>> Headers,
    byte[] Body,
    StubTemplate? BodyTemplate,
    IReadOnlyList<KeyValuePair<string, StubTemplate>>? HeaderTemplates,
    StubDelay Delay,
    StubFault? Fault)
{
    /// <summary>Whether the response is rendered per request (<c>response-template</c>) rather than sent as stored.</summary>
    public bool IsTemplated => HeaderTemplates is not null;

    /// <summary>The response for one request (templates rendered); a plain response is the same every time.</summary>
    public MockResponse Render(RequestView request, TimeProvider time)
    {
        if (HeaderTemplates is null)
        {
            return new MockResponse(Status, Headers, Body);
        }

        var model = StubTemplate.Model(request);
        var headers = HeaderTemplates.Select(h => KeyValuePair.Create(h.Key, h.Value.Render(model, time))).ToArray();
        var body = BodyTemplate is null ? Body : System.Text.Encoding.UTF8.GetBytes(BodyTemplate.Render(model, time));
        return new MockResponse(Status, headers, body);
    }
}
