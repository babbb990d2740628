using System.Buffers;

namespace MockAccounts.AspNetCore.Http;

/// <summary>Reads a request body up to a limit, without trusting Content-Length, and leaves it for a later reader.</summary>
internal static class RequestBody
{
    /// <returns>The body, or null when it is longer than <paramref name="limit"/>.</returns>
    public static async Task<ReadOnlyMemory<byte>?> ReadAsync(HttpRequest request, int limit, CancellationToken cancellationToken)
    {
        if (request.ContentLength > limit)
        {
            return null;
        }

        if (request.ContentLength == 0 || (request.ContentLength is null && !request.Headers.ContainsKey("Transfer-Encoding") && request.Protocol != "HTTP/2"))
        {
            return ReadOnlyMemory<byte>.Empty;
        }

        var reader = request.BodyReader;
        while (true)
        {
            var result = await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            if (result.Buffer.Length > limit)
            {
                reader.AdvanceTo(result.Buffer.Start, result.Buffer.End);
                return null;
            }

            if (result.IsCompleted || result.IsCanceled)
            {
                var bytes = result.Buffer.ToArray();
                // Examined, not consumed: a request the vendors do not answer goes on to an application's own endpoint, body and all.
                reader.AdvanceTo(result.Buffer.Start, result.Buffer.End);
                return bytes;
            }

            reader.AdvanceTo(result.Buffer.Start, result.Buffer.End);
        }
    }
}
