using System.Buffers;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core.Features;

namespace MockAccounts.AspNetCore.Hosting;

/// <summary>
/// HTTP/1.1 and HTTP/2 cleartext on one port. Kestrel picks HTTP/1.1 on a plain-text
/// Http1AndHttp2 endpoint because it has no ALPN to go by. This connection middleware reads the
/// first bytes without consuming them: a connection that opens with the HTTP/2 preface
/// (prior knowledge, as the Runloop SDK does) is announced to Kestrel as ALPN "h2"; everything
/// else stays HTTP/1.1. Kestrel's <c>AllowAlternateSchemes</c> keeps <c>:scheme http</c> valid.
/// </summary>
internal static class H2cPrefaceDetection
{
    private static readonly byte[] Preface = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"u8.ToArray();

    public static ConnectionDelegate Middleware(ConnectionDelegate next) => async connection =>
    {
        if (await StartsWithPrefaceAsync(connection).ConfigureAwait(false))
        {
            connection.Features.Set<ITlsConnectionFeature>(new PlainTextConnection());
            connection.Features.Set<ITlsApplicationProtocolFeature>(new Http2Protocol());
        }

        await next(connection).ConfigureAwait(false);
    };

    private static async Task<bool> StartsWithPrefaceAsync(ConnectionContext connection)
    {
        var input = connection.Transport.Input;
        while (true)
        {
            var result = await input.ReadAsync(connection.ConnectionClosed).ConfigureAwait(false);
            var buffer = result.Buffer;
            var length = (int)Math.Min(buffer.Length, Preface.Length);
            var agrees = PrefixMatches(buffer.Slice(0, length), length);
            if (!agrees || length == Preface.Length || result.IsCompleted || result.IsCanceled)
            {
                // Nothing consumed: Kestrel's parser sees every byte.
                input.AdvanceTo(buffer.Start);
                return agrees && length == Preface.Length;
            }

            input.AdvanceTo(buffer.Start, buffer.End);
        }
    }

    private static bool PrefixMatches(ReadOnlySequence<byte> head, int length)
    {
        Span<byte> bytes = stackalloc byte[Preface.Length];
        head.CopyTo(bytes);
        return bytes[..length].SequenceEqual(Preface.AsSpan(0, length));
    }

    private sealed class PlainTextConnection : ITlsConnectionFeature
    {
        public X509Certificate2? ClientCertificate { get; set; }

        public Task<X509Certificate2?> GetClientCertificateAsync(CancellationToken cancellationToken) =>
            Task.FromResult<X509Certificate2?>(null);
    }

    private sealed class Http2Protocol : ITlsApplicationProtocolFeature
    {
        public ReadOnlyMemory<byte> ApplicationProtocol => SslApplicationProtocol.Http2.Protocol;
    }
}
