using Microsoft.Extensions.Time.Testing;
using MockAccounts.Testing;

namespace MockAccounts.Testing.Tests;

/// <summary>One server for the assembly, as the package recommends, on a fake clock: slow scenarios answer when a test advances it.</summary>
[SetUpFixture]
public sealed class Mock
{
    public static MockAccountsServer Server { get; private set; } = null!;

    public static FakeTimeProvider Clock { get; } = new();

    [OneTimeSetUp]
    public async Task StartAsync() => Server = await MockAccountsServer.StartAsync(o => o.TimeProvider = Clock);

    [OneTimeTearDown]
    public async Task StopAsync() => await Server.DisposeAsync();

    /// <summary>
    /// Sends a request and moves the shared fake clock on while it waits on a scenario delay. Moving
    /// it also frees other tests' delays early, which none of them minds. A request that never completes
    /// fails its test after <see cref="Eventually.Bound"/>.
    /// </summary>
    public static async Task<T> AdvancingClockAsync<T>(Func<Task<T>> send)
    {
        var sending = send();
        await Eventually.UntilAsync(
            () =>
            {
                Clock.Advance(TimeSpan.FromSeconds(1));
                return sending.IsCompleted;
            },
            "the request to complete while the clock moves on");
        return await sending;
    }
}
