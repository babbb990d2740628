namespace MockAccounts.AspNetCore.Hosting;

/// <summary>
/// Registered by <see cref="MockAccountsServiceCollectionExtensions.AddMockAccounts"/>: tells <c>UseMockAccounts</c>
/// and <c>MapMockAccounts</c> that the services are there, and the loader which of the two an application called.
/// </summary>
internal sealed class MockAccountsMarker
{
    public bool MiddlewareAdded { get; set; }

    public bool EndpointsMapped { get; set; }

    public static MockAccountsMarker From(IServiceProvider services, string caller) =>
        services.GetService<MockAccountsMarker>()
        ?? throw new InvalidOperationException($"{caller} needs MockAccounts' services: call services.AddMockAccounts() when the application's services are configured.");
}
