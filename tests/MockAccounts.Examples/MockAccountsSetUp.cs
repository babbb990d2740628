using MockAccounts.Testing;

namespace MockAccounts.Examples;

/// <summary>One mock for the whole test assembly; every test makes its own accounts.</summary>
[SetUpFixture]
public sealed class MockAccountsSetUp
{
    public static MockAccountsServer Mock { get; private set; } = null!;

    [OneTimeSetUp]
    public async Task StartAsync() => Mock = await MockAccountsServer.StartAsync();

    [OneTimeTearDown]
    public async Task StopAsync() => await Mock.DisposeAsync();
}
