using System.Diagnostics;
using MockAccounts.Testing;

namespace MockAccounts.Bench;

/// <summary>
/// What the NUnit fixture costs: StartAsync (the first in a process, then later ones) and one
/// request through the in-memory handler versus the loopback socket, measured in the same run.
/// </summary>
internal static class FixtureCost
{
    private const int Later = 10;
    private const int Requests = 20_000;

    public static async Task<int> RunAsync()
    {
        var first = Stopwatch.StartNew();
        await using (await MockAccountsServer.StartAsync())
        {
            first.Stop();
        }

        var later = new List<double>();
        for (var i = 0; i < Later; i++)
        {
            var clock = Stopwatch.StartNew();
            await using (await MockAccountsServer.StartAsync())
            {
                later.Add(clock.Elapsed.TotalMilliseconds);
            }
        }

        await using var mock = await MockAccountsServer.StartAsync(o => o.Journal.Capacity = 1000);
        var account = await mock.Vendor("runloop").CreateAccountAsync();
        using var socket = mock.CreateClient(account);
        using var memory = new HttpClient(mock.CreateHandler()) { BaseAddress = mock.BaseAddress };
        account.Authorize(memory.DefaultRequestHeaders);
        // Alternating rounds, the last one reported: the first rounds still run tier-0 code (tiered JIT).
        double socketUs = 0, memoryUs = 0;
        for (var round = 0; round < 3; round++)
        {
            socketUs = await PerRequestAsync(socket);
            memoryUs = await PerRequestAsync(memory);
        }

        later.Sort();
        Console.WriteLine("| measure | value |");
        Console.WriteLine("| --- | --- |");
        Console.WriteLine($"| StartAsync, first in process | {first.Elapsed.TotalMilliseconds:F0} ms |");
        Console.WriteLine($"| StartAsync, later (median of {Later}) | {later[Later / 2]:F0} ms (min {later[0]:F0}, max {later[^1]:F0}) |");
        Console.WriteLine($"| one request, loopback socket (HTTP/1.1, sequential, third round) | {socketUs:F0} µs |");
        Console.WriteLine($"| one request, in-memory handler (sequential, third round) | {memoryUs:F0} µs |");
        Console.WriteLine($"| in-memory / socket | {memoryUs / socketUs:F2} |");
        return 0;
    }

    private static async Task<double> PerRequestAsync(HttpClient client)
    {
        for (var i = 0; i < 2_000; i++)
        {
            (await client.GetAsync("v1/accounts/me")).Dispose();
        }

        var clock = Stopwatch.StartNew();
        for (var i = 0; i < Requests; i++)
        {
            using var response = await client.GetAsync("v1/accounts/me");
            await response.Content.ReadAsByteArrayAsync();
        }

        return clock.Elapsed.TotalMicroseconds / Requests;
    }
}
