using MockAccounts.Core.Http;
using MockAccounts.Core.Responses;

namespace MockAccounts.Core.Mappings;

/// <summary>
/// What a stub mapping answers. A templated response (<c>"transformers": ["response-template"]</c>)
/// keeps its body and header values as templates, rendered per request within <see cref="TemplateLimits"/>.
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

    /// <summary>The characters of template text this response holds (body and headers together).</summary>
    public int TemplateChars => (BodyTemplate?.Length ?? 0) + (HeaderTemplates?.Sum(h => h.Value.Length) ?? 0);

    /// <summary>The response for one request (templates rendered); a plain response is the same every time.</summary>
    /// <param name="request">The request being answered.</param>
    /// <param name="time">The clock <c>now</c> reads and the render time runs on.</param>
    /// <param name="limits">What one render may write and how long it may take.</param>
    /// <param name="cancellation">Stops the render when the client goes away.</param>
    /// <exception cref="TemplateLimitException">
    /// The render broke a limit, a helper was asked for what cannot be made, or a header rendered a value HTTP cannot carry.
    /// </exception>
    public MockResponse Render(RequestView request, TimeProvider time, TemplateLimits limits, CancellationToken cancellation = default)
    {
        if (HeaderTemplates is null)
        {
            return new MockResponse(Status, Headers, Body);
        }

        var render = new TemplateRender(time, limits, cancellation);
        var model = StubTemplate.Model(request);
        var headers = new KeyValuePair<string, string>[HeaderTemplates.Count];
        for (var i = 0; i < headers.Length; i++)
        {
            var (name, template) = HeaderTemplates[i];
            var value = template.Render(model, render);
            if (HeaderText.Problem(value) is { } problem)
            {
                throw new TemplateLimitException($"response.headers.{name} rendered a value HTTP cannot carry ({problem})", null);
            }

            headers[i] = KeyValuePair.Create(name, value);
        }

        var body = BodyTemplate is null ? Body : System.Text.Encoding.UTF8.GetBytes(BodyTemplate.Render(model, render));
        return new MockResponse(Status, headers, body);
    }
}
