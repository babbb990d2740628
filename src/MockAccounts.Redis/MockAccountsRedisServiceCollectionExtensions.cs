using Microsoft.Extensions.DependencyInjection.Extensions;
using MockAccounts.AspNetCore.Hosting;

namespace MockAccounts.Redis;

/// <summary>Lets MockAccounts share its state on Redis.</summary>
public static class MockAccountsRedisServiceCollectionExtensions
{
    /// <summary>
    /// Lets the mock share its state with every replica pointing at the Redis that <c>MockAccounts:State:Redis</c> names
    /// (<c>MockAccounts__State__Redis=127.0.0.1:6379,abortConnect=false</c>), under <c>MockAccounts:State:Prefix</c>. With
    /// the setting unset, nothing changes: the state is the process's own. Call beside
    /// <see cref="MockAccountsServiceCollectionExtensions.AddMockAccounts"/>, in any order.
    /// </summary>
    /// <param name="services">The application's services.</param>
    /// <returns><paramref name="services"/>, for chaining.</returns>
    public static IServiceCollection AddMockAccountsRedis(this IServiceCollection services)
    {
        services.TryAddSingleton<ISharedStateConnector, RedisStateConnector>();
        return services;
    }
}
