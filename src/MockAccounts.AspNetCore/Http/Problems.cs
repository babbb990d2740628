using System.Buffers;
using MockAccounts.Core.Responses;
using MockAccounts.Core.Runtime;

namespace MockAccounts.AspNetCore.Http;

/// <summary>Puts MockAccounts' own errors (<see cref="Problem"/>, never a vendor's) on the wire.</summary>
internal static class Problems
{
    /// <summary>
    /// 413 for a declared body over the limit, before any endpoint runs: the unread rest cannot be
    /// drained, so HTTP/1.x clients are told not to reuse the connection.
    /// </summary>
    public static Task TooLarge(HttpContext context, int limit)
    {
        CloseAfterResponse(context);
        return Write(context, new Problem(StatusCodes.Status413PayloadTooLarge, "Request body too large", $"Bodies are limited to {limit} bytes (MockAccounts:MaxBodyBytes)."));
    }

    /// <summary>An unread body cannot be drained: HTTP/1.x clients must not reuse the connection.</summary>
    public static void CloseAfterResponse(HttpContext context)
    {
        if (!HttpProtocol.IsHttp2(context.Request.Protocol) && !HttpProtocol.IsHttp3(context.Request.Protocol))
        {
            context.Response.Headers.Connection = "close";
        }
    }

    public static Task Write(HttpContext context, Problem problem)
    {
        var body = problem.ToJson();
        context.Response.StatusCode = problem.Status;
        context.Response.ContentType = Problem.ContentType;
        context.Response.ContentLength = body.Length;
        if (!HttpMethods.IsHead(context.Request.Method))
        {
            // Buffered: the server sends it when the request ends, after the journal has recorded it.
            context.Response.BodyWriter.Write(body);
        }

        return Task.CompletedTask;
    }

    /// <summary>The problem for an exception: what failed, and the exception's own words.</summary>
    public static Problem Unhandled(string method, string? path, Exception e) =>
        new Problem(StatusCodes.Status500InternalServerError, "Internal error",
            $"MockAccounts could not answer {EchoedInput.Cut(method)} {EchoedInput.Cut(path ?? "/")}: {e.GetType().Name}: {e.Message}")
            .With("exception", e.GetType().FullName);
}
