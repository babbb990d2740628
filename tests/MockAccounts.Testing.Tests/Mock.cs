using MockAccounts.Testing;

namespace MockAccounts.Testing.Tests;

/// <summary>One server for the assembly, as the package recommends.</summary>
[SetUpFixture]
public sealed class Mock
{
    public static MockAccountsServer Server { get; private set; } = null!;

    [OneTimeSetUp]
    public async Task StartAsync() => Server = await MockAccountsServer.StartAsync();

    [OneTimeTearDown]
    public async Task StopAsync() => await Server.DisposeAsync();
}
