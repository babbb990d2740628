namespace MockAccounts.Server.Tests;

/// <summary>
/// Where a state test writes and where it reads: one server in memory (the two are the same), or two servers sharing
/// their state on Redis (a change made through one is read through the other at once).
/// </summary>
public sealed class Replicas : IAsyncDisposable
{
    private Replicas(RunningServer writer, RunningServer reader)
    {
        Writer = writer;
        Reader = reader;
    }

    /// <summary>Where admin calls go.</summary>
    public RunningServer Writer { get; }

    /// <summary>Where the effects are read (the same server in memory).</summary>
    public RunningServer Reader { get; }

    /// <summary>
    /// Sends request number <paramref name="request"/> of a series for <paramref name="token"/>'s account: the even ones
    /// to the writer, the odd ones to the reader; returns the status.
    /// </summary>
    public async Task<int> SendAlternatelyAsync(int request, string vendor, string token)
    {
        var server = request % 2 == 0 ? Writer : Reader;
        return (await Calls.SendAsync(server.Client, Calls.Account(server, vendor, token))).Status;
    }

    public static async Task<Replicas> InMemoryAsync(params string[] args)
    {
        var server = await RunningServer.StartAsync(null, args);
        return new Replicas(server, server);
    }

    public static async Task<Replicas> OnRedisAsync(string redis, string? prefix = null, params string[] args)
    {
        prefix ??= RedisServer.NewPrefix();
        var servers = await Task.WhenAll(RunningServer.StartSharingAsync(redis, prefix, args), RunningServer.StartSharingAsync(redis, prefix, args));
        return new Replicas(servers[0], servers[1]);
    }

    public async ValueTask DisposeAsync()
    {
        await Writer.DisposeAsync();
        if (!ReferenceEquals(Reader, Writer))
        {
            await Reader.DisposeAsync();
        }
    }
}
