using System.Text.Json;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace MockAccounts.AspNetCore.Admin;

/// <summary>
/// Admin answers for a person: <c>?pretty</c> indents the JSON, and <c>Accept: text/plain</c> (a terminal
/// without <c>jq</c>) gets the same indented text as <c>text/plain</c>. Machines get the compact form.
/// </summary>
internal sealed class PrettyJsonFilter(IOptions<JsonOptions> json) : IEndpointFilter
{
    private readonly JsonSerializerOptions _indented = new(json.Value.SerializerOptions) { WriteIndented = true };

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var result = await next(context).ConfigureAwait(false);
        var request = context.HttpContext.Request;
        var plain = AsksForPlainText(request);
        if (!plain && !request.Query.ContainsKey("pretty"))
        {
            return result;
        }

        return result is IValueHttpResult { Value: { } value } && result is IStatusCodeHttpResult status
            ? Results.Text(JsonSerializer.Serialize(value, value.GetType(), _indented) + "\n",
                plain ? "text/plain; charset=utf-8" : (result as IContentTypeHttpResult)?.ContentType ?? "application/json; charset=utf-8",
                statusCode: status.StatusCode ?? StatusCodes.Status200OK)
            : result;
    }

    private static bool AsksForPlainText(HttpRequest request) =>
        MediaTypeHeaderValue.TryParseList(request.Headers.Accept, out var accepted)
        && accepted.Any(a => a.MediaType.Equals("text/plain", StringComparison.OrdinalIgnoreCase))
        && !accepted.Any(a => a.MediaType.Value?.Contains("json", StringComparison.OrdinalIgnoreCase) == true);
}
