using System.Text.Json;

namespace MockAccounts.Server.Hosting;

/// <summary>MockAccounts' own errors (never a vendor's): RFC 9457 problem details.</summary>
internal static class Problems
{
    public const string ContentType = "application/problem+json";

    /// <summary>
    /// 413 for a declared body over the limit, before any endpoint runs: the unread rest cannot be
    /// drained, so HTTP/1.x clients are told not to reuse the connection.
    /// </summary>
    public static Task TooLarge(HttpContext context, int limit)
    {
        CloseAfterResponse(context);
        return Write(context, StatusCodes.Status413PayloadTooLarge, "Request body too large", $"Bodies are limited to {limit} bytes (MockAccounts:MaxBodyBytes).");
    }

    /// <summary>An unread body cannot be drained: HTTP/1.x clients must not reuse the connection.</summary>
    public static void CloseAfterResponse(HttpContext context)
    {
        if (!HttpProtocol.IsHttp2(context.Request.Protocol) && !HttpProtocol.IsHttp3(context.Request.Protocol))
        {
            context.Response.Headers.Connection = "close";
        }
    }

    public static Task Write(HttpContext context, int status, string title, string detail)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = ContentType;
        var body = JsonSerializer.SerializeToUtf8Bytes(new { type = "about:blank", title, status, detail });
        context.Response.ContentLength = body.Length;
        return HttpMethods.IsHead(context.Request.Method) ? Task.CompletedTask : context.Response.Body.WriteAsync(body, context.RequestAborted).AsTask();
    }
}
