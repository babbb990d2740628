using MockAccounts.AspNetCore;
using MockAccounts.AspNetCore.Hosting;
using MockAccounts.Core.Runtime;

namespace MockAccounts.Redis;

/// <summary>Links a replica to the Redis <c>MockAccounts:State:Redis</c> names.</summary>
internal sealed class RedisStateConnector : ISharedStateConnector
{
    public IReadOnlyList<string> Problems(StateOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return RedisConfiguration.Problems(options);
    }

    public async Task<ISharedStateConnection> ConnectAsync(MockEngine engine, MockAccountsOptions options, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(loggers);
        return await RedisReplica.ConnectAsync(engine, options, loggers, cancellationToken).ConfigureAwait(false);
    }
}
