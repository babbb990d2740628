namespace MockAccounts.Server.Tests;

/// <summary>One server for the assembly; tests isolate themselves by token. Tests that change vendor-wide state start their own.</summary>
[SetUpFixture]
public sealed class SharedServer
{
    private static RunningServer? _server;

    public static RunningServer Instance => _server ?? throw new InvalidOperationException("the set-up fixture has not run");

    [OneTimeSetUp]
    public async Task StartAsync() => _server = await RunningServer.StartAsync();

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
