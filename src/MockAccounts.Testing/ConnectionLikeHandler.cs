namespace MockAccounts.Testing;

/// <summary>
/// Makes the in-memory handler fail like a socket: a connection fault (reset, empty response)
/// surfaces as <see cref="HttpRequestException"/>, not as TestHost's <see cref="OperationCanceledException"/>,
/// so code under test takes the same error path either way.
/// </summary>
internal sealed class ConnectionLikeHandler : DelegatingHandler
{
    public ConnectionLikeHandler(HttpMessageHandler inner) : base(inner) { }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        try
        {
            return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new HttpRequestException(HttpRequestError.ConnectionError, "The mock closed the connection without a complete response.", e);
        }
    }
}
