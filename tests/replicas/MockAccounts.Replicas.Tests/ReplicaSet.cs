using MockAccounts.Core.Generation;
using MockAccounts.Core.Runtime;

namespace MockAccounts.Replicas.Tests;

/// <summary>A Debian redis-server of its own and three replicas of the server sharing their state through it.</summary>
public sealed class ReplicaSet : IAsyncDisposable
{
    private ReplicaSet(RedisServer redis, ContractStore contracts, IReadOnlyList<Replica> replicas, string prefix)
    {
        Redis = redis;
        Contracts = contracts;
        Replicas = replicas;
        Prefix = prefix;
    }

    public RedisServer Redis { get; private set; }

    public ContractStore Contracts { get; }

    public IReadOnlyList<Replica> Replicas { get; }

    public string Prefix { get; }

    public string Configuration => Redis.Configuration;

    public static async Task<ReplicaSet> StartAsync(params string[] redisArguments)
    {
        var redis = RedisServer.Start(null, redisArguments);
        var contracts = await ContractStore.LoadAsync(new MockEngineOptions { Contracts = Repository.Root }.Sources(), GenerationOptions.StartingToday(), CancellationToken.None);
        var prefix = RedisServer.NewPrefix();
        var replicas = await Task.WhenAll(Enumerable.Range(1, 3).Select(i => Replica.StartAsync($"replica {i}", redis.Configuration, prefix, contracts)));
        return new ReplicaSet(redis, contracts, replicas, prefix);
    }

    /// <summary>Stops Redis at once (a crash: no save beyond what its own persistence wrote).</summary>
    public void StopRedis() => Redis.Dispose();

    /// <summary>Starts Redis again on the same port with the same arguments.</summary>
    public void RestartRedis(params string[] redisArguments) => Redis = RedisServer.Start(Redis.Port, redisArguments);

    public async ValueTask DisposeAsync()
    {
        foreach (var replica in Replicas)
        {
            await replica.DisposeAsync();
        }

        Redis.Dispose();
        Contracts.Dispose();
    }
}
