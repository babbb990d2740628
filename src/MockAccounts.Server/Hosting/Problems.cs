using System.Text.Json;

namespace MockAccounts.Server.Hosting;

/// <summary>MockAccounts' own errors (never a vendor's): RFC 9457 problem details.</summary>
internal static class Problems
{
    public const string ContentType = "application/problem+json";

    public static Task Write(HttpContext context, int status, string title, string detail)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = ContentType;
        var body = JsonSerializer.SerializeToUtf8Bytes(new { type = "about:blank", title, status, detail });
        context.Response.ContentLength = body.Length;
        return HttpMethods.IsHead(context.Request.Method) ? Task.CompletedTask : context.Response.Body.WriteAsync(body, context.RequestAborted).AsTask();
    }
}
