using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace MockAccounts.Bench;

/// <summary>
/// A soak on loopback: a separate server process takes N requests from 32 concurrent callers,
/// each with its own token (every 20th also bound to a scenario through the admin API), while its
/// RSS is sampled. Shows that per-token memory and the journal stay bounded.
/// </summary>
internal static class Soak
{
    public static async Task<int> RunAsync(int requests)
    {
        var root = CoreCost.FindRoot();
        var dll = Path.Combine(root, "src/MockAccounts.Server/bin/Release/net10.0/MockAccounts.Server.dll");
        const string Url = "http://127.0.0.1:18099";
        using var server = Process.Start(new ProcessStartInfo("dotnet")
        {
            ArgumentList = { dll, "--urls", Url, "--MockAccounts:HotReload=false", "--Logging:LogLevel:Default=Warning" },
            RedirectStandardOutput = true,
        })!;
        using var http = new HttpClient { BaseAddress = new Uri(Url) };
        for (var i = 0; i < 200 && !await HealthyAsync(http); i++)
        {
            await Task.Delay(100);
        }

        var samples = new List<long> { Rss(server) };
        using var sampling = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!sampling.IsCancellationRequested)
            {
                samples.Add(Rss(server));
                await Task.Delay(500);
            }
        });
        var clock = Stopwatch.StartNew();
        var failures = 0;
        await Parallel.ForEachAsync(Enumerable.Range(0, requests), new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (i, cancel) =>
        {
            var token = $"soak-{i}";
            if (i % 20 == 0)
            {
                (await http.PutAsJsonAsync($"/__admin/vendors/depicta/tokens/{token}/scenario", new { scenario = "zero-balance" }, cancel)).Dispose();
            }

            using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/account/profile");
            request.Headers.TryAddWithoutValidation("Authorization", $"Bearer {token}");
            using var response = await http.SendAsync(request, cancel);
            if (!response.IsSuccessStatusCode)
            {
                Interlocked.Increment(ref failures);
            }
        });
        clock.Stop();
        await sampling.CancelAsync();
        await sampler;
        var health = await http.GetFromJsonAsync<JsonNode>("/__admin/health");
        server.Kill();

        Console.WriteLine("| soak | value |");
        Console.WriteLine("| --- | --- |");
        Console.WriteLine($"| requests (distinct tokens) | {requests:N0}, {requests / 20:N0} bindings, {failures} failed |");
        Console.WriteLine($"| throughput (32 callers, HttpClient, same machine) | {requests / clock.Elapsed.TotalSeconds:N0} req/s |");
        Console.WriteLine($"| RSS before / max / after | {samples[0] / 1024} / {samples.Max() / 1024} / {samples[^1] / 1024} MiB |");
        Console.WriteLine($"| per-token entries / cap / evicted | {health!["tokens"]!["entries"]} / {health["tokens"]!["capacity"]} / {health["tokens"]!["evicted"]} |");
        Console.WriteLine($"| journal size / dropped | {health["journal"]!["size"]} / {health["journal"]!["dropped"]} |");
        return failures == 0 ? 0 : 1;
    }

    private static async Task<bool> HealthyAsync(HttpClient http)
    {
        try
        {
            return (await http.GetAsync("/__admin/health")).IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }

    /// <summary>Resident set size in KiB, from /proc (Linux).</summary>
    private static long Rss(Process process)
    {
        var line = File.ReadLines($"/proc/{process.Id}/status").FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return line is null ? 0 : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture);
    }
}
