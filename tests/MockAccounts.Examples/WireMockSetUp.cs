using MockAccounts.WireMockNet;
using WireMock.Server;

namespace MockAccounts.Examples.OnWireMock;

/// <summary>The WireMock.Net server the team already runs for its stubs, with the vendors added to it.</summary>
[SetUpFixture]
public sealed class WireMockSetUp
{
    public static WireMockServer Server { get; private set; } = null!;

    public static MockAccountsOnWireMock Mock { get; private set; } = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        Server = WireMockServer.Start();
        Mock = await Server.AddMockAccountsAsync();
    }

    [OneTimeTearDown]
    public void Stop()
    {
        Mock.Dispose();
        Server.Dispose();
    }
}
