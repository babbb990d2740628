using System.Buffers;
using System.Net.Sockets;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Http.Features;
using MockAccounts.Core.Http;
using MockAccounts.Core.Mappings;
using MockAccounts.Core.Responses;
using MockAccounts.Core.Runtime;
using MockAccounts.Core.Scenarios;

namespace MockAccounts.AspNetCore.Vendors;

/// <summary>
/// Puts a served response on the wire: delay first (on the runtime's clock), then the bytes or the fault.
/// The last bytes are buffered, not flushed: the server sends them when the request ends, so the
/// <c>recorded</c> callback (the journal) always runs before the client can see the end of the answer.
/// </summary>
internal static class ResponseWriter
{
    private const int DribbleChunks = 10;

    /// <summary>A scenario's answer: its delay, then its fault or its response.</summary>
    /// <param name="context">The request being answered.</param>
    /// <param name="served">The pipeline's decision.</param>
    /// <param name="time">The clock delays wait on.</param>
    /// <param name="recorded">Called once the outcome is settled and before the client can see it complete.</param>
    /// <param name="cancellationToken">The client going away.</param>
    public static async Task WriteAsync(HttpContext context, Served served, TimeProvider time, Action recorded, CancellationToken cancellationToken)
    {
        if (served.Delay is { } delay && served.Fault != FaultKind.SlowBody)
        {
            await Task.Delay(delay.Draw(Random.Shared), time, cancellationToken).ConfigureAwait(false);
        }

        switch (served.Fault)
        {
            case FaultKind.ConnectionReset:
                recorded();
                Reset(context);
                return;
            case FaultKind.EmptyResponse:
                // Nothing at all: the connection closes before a status line is sent.
                recorded();
                context.Abort();
                return;
            case FaultKind.MalformedJson:
                Buffer(context, served.Response, served.Response.Body.AsMemory(0, served.Response.Body.Length / 2));
                recorded();
                return;
            case FaultKind.SlowBody:
                await DribbleAsync(context, served.Response, served.Delay is { } d ? d.Draw(Random.Shared) : DelaySpec.SlowBodyDefault, time, recorded, cancellationToken).ConfigureAwait(false);
                return;
            default:
                Buffer(context, served.Response, served.Response.Body);
                recorded();
                return;
        }
    }

    /// <summary>A stub mapping's answer: its delay (on the pipeline's clock), then its fault or its response.</summary>
    /// <param name="context">The request being answered.</param>
    /// <param name="stub">The mapping's answer.</param>
    /// <param name="time">The clock delays wait on.</param>
    /// <param name="recorded">Called once the outcome is settled and before the client can see it complete.</param>
    /// <param name="cancellationToken">The client going away.</param>
    public static async Task WriteStubAsync(HttpContext context, StubServed stub, TimeProvider time, Action recorded, CancellationToken cancellationToken)
    {
        if (stub.Delay > TimeSpan.Zero)
        {
            await Task.Delay(stub.Delay, time, cancellationToken).ConfigureAwait(false);
        }

        switch (stub.Fault)
        {
            case StubFault.ConnectionResetByPeer:
                recorded();
                Reset(context);
                return;
            case StubFault.EmptyResponse:
                recorded();
                context.Abort();
                return;
            case StubFault.MalformedResponseChunk:
                // A 200 whose chunked body never finishes: the client's parser fails mid-body.
                context.Response.StatusCode = StatusCodes.Status200OK;
                await context.Response.Body.WriteAsync("lah"u8.ToArray(), cancellationToken).ConfigureAwait(false);
                await context.Response.Body.FlushAsync(cancellationToken).ConfigureAwait(false);
                recorded();
                context.Abort();
                return;
            case StubFault.RandomDataThenClose:
                recorded();
                SendGarbage(context);
                return;
        }

        if (stub.Mapping.Response.StatusMessage is { } message && context.Features.Get<IHttpResponseFeature>() is { } feature)
        {
            feature.ReasonPhrase = message;
        }

        Buffer(context, stub.Response, stub.Response.Body);
        recorded();
    }

    /// <summary>Status, headers and body into the response buffer; the server sends them when the request ends.</summary>
    public static void Buffer(HttpContext context, MockResponse response, ReadOnlyMemory<byte> body)
    {
        WriteHead(context, response, body.Length);
        if (!body.IsEmpty && !HttpMethods.IsHead(context.Request.Method))
        {
            context.Response.BodyWriter.Write(body.Span);
        }
    }

    private static void WriteHead(HttpContext context, MockResponse response, long length)
    {
        context.Response.StatusCode = response.Status;
        foreach (var (name, value) in response.Headers)
        {
            context.Response.Headers.Append(name, value);
        }

        context.Response.ContentLength = length;
    }

    private static async Task DribbleAsync(HttpContext context, MockResponse response, TimeSpan total, TimeProvider time, Action recorded, CancellationToken cancellationToken)
    {
        WriteHead(context, response, response.Body.Length);
        var chunk = Math.Max(1, (response.Body.Length + DribbleChunks - 1) / DribbleChunks);
        var pause = total / Math.Max(1, (response.Body.Length + chunk - 1) / chunk - 1);
        for (var at = 0; at < response.Body.Length; at += chunk)
        {
            var part = response.Body.AsMemory(at, Math.Min(chunk, response.Body.Length - at));
            if (at + chunk >= response.Body.Length)
            {
                // The journal has the answer before the last chunk lets the client finish reading.
                recorded();
                await context.Response.Body.WriteAsync(part, cancellationToken).ConfigureAwait(false);
                return;
            }

            await context.Response.Body.WriteAsync(part, cancellationToken).ConfigureAwait(false);
            await context.Response.Body.FlushAsync(cancellationToken).ConfigureAwait(false);
            await Task.Delay(pause, time, cancellationToken).ConfigureAwait(false);
        }

        recorded();
    }

    /// <summary>A TCP reset (linger 0) where the socket is reachable; an HTTP/2 stream reset otherwise.</summary>
    private static void Reset(HttpContext context)
    {
        if (context.Request.Protocol == "HTTP/1.1" && context.Features.Get<IConnectionSocketFeature>()?.Socket is Socket socket)
        {
            socket.LingerState = new LingerOption(true, 0);
        }

        context.Abort();
    }

    /// <summary>Bytes that are not HTTP straight onto the socket (HTTP/1.1), then closed; an HTTP/2 stream is just reset.</summary>
    private static void SendGarbage(HttpContext context)
    {
        if (context.Request.Protocol == "HTTP/1.1" && context.Features.Get<IConnectionSocketFeature>()?.Socket is Socket socket)
        {
            try
            {
                socket.Send(RandomNumberGenerator.GetBytes(64));
            }
            catch (SocketException)
            {
                // The client left already; closing is all that is left to do.
            }
        }

        context.Abort();
    }
}
