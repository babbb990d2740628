namespace MockAccounts.Testing;

/// <summary>Adds an account's key to every request's query, for a vendor whose contract reads its key from the query.</summary>
internal sealed class QueryCredentialHandler(MockAccount account) : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.RequestUri is { } address)
        {
            request.RequestUri = account.Authorize(address);
        }

        return base.SendAsync(request, cancellationToken);
    }
}
