using MockAccounts.Core.Runtime;

namespace MockAccounts.AspNetCore.Hosting;

/// <summary>
/// Links a replica to the store named by <see cref="StateOptions.Redis"/>: MockAccounts.Redis registers one with
/// <c>services.AddMockAccountsRedis()</c> (the server, the tool and the fixture do). Without one, setting
/// <c>MockAccounts:State:Redis</c> is refused at start.
/// </summary>
public interface ISharedStateConnector
{
    /// <summary>What is wrong with the state options, each line naming the setting; never a password.</summary>
    /// <param name="options">The <c>MockAccounts:State</c> section.</param>
    IReadOnlyList<string> Problems(StateOptions options);

    /// <summary>
    /// Connects, loads the shared state into <paramref name="engine"/>'s view and shares its writer from then on. A store that
    /// cannot be reached does not fail the start: the replica serves from its files and defaults, its health says so, and it
    /// loads the shared state once the store is back.
    /// </summary>
    /// <param name="engine">The loaded engine.</param>
    /// <param name="options">The validated options.</param>
    /// <param name="loggers">Where the link logs (never a password).</param>
    /// <param name="cancellationToken">Gives up connecting.</param>
    Task<ISharedStateConnection> ConnectAsync(MockEngine engine, MockAccountsOptions options, ILoggerFactory loggers, CancellationToken cancellationToken);
}
