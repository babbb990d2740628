using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Text;

namespace MockAccounts.Verification;

/// <summary>
/// The live service over HTTP: redirects are reported, not followed; certificates are checked unless asked
/// not to; each request has a timeout on the given clock; bodies are read up to a bound.
/// </summary>
public sealed class HttpResponseSource : IResponseSource, IDisposable
{
    /// <summary>The most of a body read; beyond it the response is a <see cref="FailureKind.TooLarge"/> failure.</summary>
    public const int MaxBodyBytes = 4 * 1024 * 1024;

    private readonly HttpClient _http;
    private readonly Uri _baseUrl;
    private readonly TimeSpan _timeout;
    private readonly TimeProvider _time;

    /// <summary>A source sending to <paramref name="baseUrl"/>.</summary>
    /// <param name="baseUrl">The service's base URL; operation paths are appended to its path.</param>
    /// <param name="timeout">How long one request may take, connection included.</param>
    /// <param name="insecure">Accept any server certificate (<c>--insecure</c>).</param>
    /// <param name="time">The clock timeouts run on.</param>
    public HttpResponseSource(Uri baseUrl, TimeSpan timeout, bool insecure, TimeProvider time)
    {
        if (!baseUrl.IsAbsoluteUri || (baseUrl.Scheme != Uri.UriSchemeHttp && baseUrl.Scheme != Uri.UriSchemeHttps))
        {
            throw new UsageException($"--base-url '{baseUrl.OriginalString}' is not an http:// or https:// URL");
        }

        if (timeout <= TimeSpan.Zero)
        {
            throw new UsageException($"--timeout must be positive, not {timeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s");
        }

        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.All,
            UseCookies = false,
            UseProxy = true,
        };
        if (insecure)
        {
            // Only on --insecure, which the user types for a test server with a self-signed certificate.
#pragma warning disable CA5359
            handler.SslOptions = new SslClientAuthenticationOptions { RemoteCertificateValidationCallback = (_, _, _, _) => true };
#pragma warning restore CA5359
        }

        _http = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
        _http.DefaultRequestHeaders.UserAgent.ParseAdd("mockaccounts-verify/1.0");
        _baseUrl = baseUrl;
        _timeout = timeout;
        _time = time;
    }

    /// <inheritdoc/>
    public string Description => ValueDisplay.Url(_baseUrl);

    /// <inheritdoc/>
    public async Task<Exchange> SendAsync(Probe probe, CancellationToken cancellationToken)
    {
        var url = new Uri(_baseUrl.GetLeftPart(UriPartial.Path).TrimEnd('/') + probe.Target);
        using var request = new HttpRequestMessage(new HttpMethod(probe.Operation.Method), url);
        foreach (var (name, value) in probe.Headers.Where(h => !string.Equals(h.Key, "Content-Type", StringComparison.OrdinalIgnoreCase)))
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        if (probe.Body is not null)
        {
            request.Content = new StringContent(probe.Body, Encoding.UTF8, "application/json");
        }

        using var timeout = new CancellationTokenSource(_timeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        var started = Stopwatch.GetTimestamp();
        try
        {
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linked.Token).ConfigureAwait(false);
            var body = await ReadAsync(response.Content, linked.Token).ConfigureAwait(false);
            if (body is null)
            {
                return new Exchange(probe, null, new TransportFailure(FailureKind.TooLarge, $"{Host} sent a body over {MaxBodyBytes / 1024 / 1024} MiB; not read"));
            }

            var headers = response.Headers.Concat(response.Content.Headers)
                .SelectMany(h => h.Value.Select(v => new KeyValuePair<string, string>(h.Key, v)))
                .ToArray();
            return new Exchange(probe, new ObservedResponse((int)response.StatusCode, headers, body, Stopwatch.GetElapsedTime(started)), null);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return new Exchange(probe, null, new TransportFailure(FailureKind.Timeout, $"{Host} gave no complete response within {Seconds(_timeout)} (--timeout)"));
        }
        catch (HttpRequestException e)
        {
            return new Exchange(probe, null, Failure(e));
        }
        catch (IOException e)
        {
            return new Exchange(probe, null, new TransportFailure(FailureKind.Protocol, $"{Host} cut the response short: {e.Message}"));
        }
    }

    /// <summary>Releases the connections.</summary>
    public void Dispose() => _http.Dispose();

    private string Host => _baseUrl.IsDefaultPort ? _baseUrl.Host : $"{_baseUrl.Host}:{_baseUrl.Port.ToString(CultureInfo.InvariantCulture)}";

    private static string Seconds(TimeSpan time) => $"{time.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)} s";

    private TransportFailure Failure(HttpRequestException e)
    {
        var socket = Inner<SocketException>(e);
        if (e.HttpRequestError == HttpRequestError.SecureConnectionError || Inner<AuthenticationException>(e) is not null)
        {
            var reason = Inner<AuthenticationException>(e)?.Message ?? e.Message;
            return new TransportFailure(FailureKind.Tls, $"TLS error with {Host}: {reason} (--insecure skips certificate checks, for a test server only)");
        }

        if (e.HttpRequestError == HttpRequestError.NameResolutionError || socket?.SocketErrorCode is SocketError.HostNotFound or SocketError.NoData or SocketError.TryAgain)
        {
            return new TransportFailure(FailureKind.NameResolution, $"cannot resolve the host '{_baseUrl.Host}': {socket?.Message ?? e.Message}");
        }

        if (e.HttpRequestError is HttpRequestError.ResponseEnded or HttpRequestError.InvalidResponse or HttpRequestError.HttpProtocolError)
        {
            return new TransportFailure(FailureKind.Protocol, $"{Host} did not send a readable HTTP response: {e.Message}");
        }

        return new TransportFailure(FailureKind.Connection, $"cannot connect to {Host}: {socket?.Message ?? e.Message}");
    }

    private static T? Inner<T>(Exception e) where T : Exception
    {
        for (Exception? inner = e; inner is not null; inner = inner.InnerException)
        {
            if (inner is T found)
            {
                return found;
            }
        }

        return null;
    }

    /// <summary>The body, or null when it is over <see cref="MaxBodyBytes"/>.</summary>
    private static async Task<byte[]?> ReadAsync(HttpContent content, CancellationToken cancellationToken)
    {
        await using var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > MaxBodyBytes)
            {
                return null;
            }
        }

        return buffer.ToArray();
    }
}
