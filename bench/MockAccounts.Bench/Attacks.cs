using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using MockAccounts.AspNetCore.Journal;
using MockAccounts.Core.Mappings;

namespace MockAccounts.Bench;

/// <summary>
/// The inputs of issue 24's attack run, replayed against one or more server builds side by side (each attack
/// against each build in turn, a fresh server process each time): memory after per-token floods, time per request
/// under hostile regexes and JSONPath, template blow-ups, and the spread of lognormal stub delays (in-process).
/// <c>attacks [memory|matching|templates|delays|regex|all] [label=path/to/MockAccounts.Server.dll ...]</c>; without a
/// build, this tree's Release build. Compare a build from before a change by passing both.
/// </summary>
internal static class Attacks
{
    private const int Port = 18131;
    private static readonly string Url = $"http://127.0.0.1:{Port}";

    public static async Task<int> RunAsync(string[] args)
    {
        var group = args.FirstOrDefault(a => !a.Contains('=', StringComparison.Ordinal)) ?? "all";
        var builds = args.Where(a => a.Contains('=', StringComparison.Ordinal)).Select(a => (Label: a[..a.IndexOf('=', StringComparison.Ordinal)], Dll: a[(a.IndexOf('=', StringComparison.Ordinal) + 1)..])).ToList();
        if (builds.Count == 0)
        {
            builds.Add(("this build", Path.Combine(CoreCost.FindRoot(), "src/MockAccounts.Server/bin/Release/net10.0/MockAccounts.Server.dll")));
        }

        var rows = new List<string>();
        if (group is "memory" or "all")
        {
            await Each(builds, rows, "30 KB tokens, X-Mock-Scenario: rate-limited-once, 12,000 requests", b => TokenFloodAsync(b, "X-Mock-Scenario", "rate-limited-once"));
            await Each(builds, rows, "4 KB tokens (at the bound), X-Mock-Scenario: rate-limited-once, 30,000 requests", b => TokenFloodAsync(b, "X-Mock-Scenario", "rate-limited-once", 30_000, 4000));
            await Each(builds, rows, "30 KB tokens, Prefer: variation=edges, 12,000 requests", b => TokenFloodAsync(b, "Prefer", "variation=edges"));
            await Each(builds, rows, "300 tokens of 900 KB bound through the admin API", AdminBindFloodAsync);
        }

        if (group is "matching" or "all")
        {
            await Each(builds, rows, "25 mappings with urlPattern ((.|/)*)*Q: one vendor request", RegexMappingsAsync);
            await Each(builds, rows, "25 mappings with urlPattern (a+)+\\1b (a backreference: backtracking engine), a 30-character path", BackreferenceMappingsAsync);
            await Each(builds, rows, "/__admin/requests/find with urlPattern ((.|/)*)*Q over 50 entries", RegexFindAsync);
            await Each(builds, rows, "matchesJsonPath $..* with ((.|/)*)*Q on a 1.4 KB body; client gives up after 1 s", JsonPathAsync);
        }

        if (group is "templates" or "all")
        {
            await Each(builds, rows, "three nested {{#each request.pathSegments}} over a 2.3 KB URL", NestedEachAsync);
            await Each(builds, rows, "a 64 KB template (the default MaxTemplateChars): POST /__admin/mappings", b => BigTemplateAsync(b, 64 * 1024));
            await Each(builds, rows, "a 220 KB template: POST /__admin/mappings", b => BigTemplateAsync(b, 220 * 1024));
            await Each(builds, rows, "a 900 KB template: POST /__admin/mappings", b => BigTemplateAsync(b, 900 * 1024));
        }

        Console.WriteLine("| attack | build | figures |");
        Console.WriteLine("| --- | --- | --- |");
        rows.ForEach(Console.WriteLine);
        if (group is "delays" or "all")
        {
            Delays();
        }

        if (group is "regex" or "all")
        {
            RegexEngines();
        }

        return 0;
    }

    private static async Task Each(List<(string Label, string Dll)> builds, List<string> rows, string attack, Func<Server, Task<string>> run)
    {
        foreach (var (label, dll) in builds)
        {
            Console.Error.WriteLine($"{attack} / {label} …");
            await using var server = await Server.StartAsync(dll);
            string figures;
            try
            {
                figures = await run(server);
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                figures = $"failed: {e.GetType().Name}: {e.Message}";
            }

            rows.Add($"| {attack} | {label} | {figures} |");
        }
    }

    private static async Task<string> TokenFloodAsync(Server server, string header, string value, int requests = 12_000, int tokenLength = 30 * 1024)
    {
        var before = await server.MemoryAsync();
        var statuses = new int[600];
        var clock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(0, requests), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, cancel) =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/accounts/me");
            request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + i.ToString("D8", CultureInfo.InvariantCulture) + new string('t', tokenLength - 8));
            request.Headers.TryAddWithoutValidation(header, value);
            using var response = await server.Http.SendAsync(request, cancel);
            Interlocked.Increment(ref statuses[(int)response.StatusCode]);
        });
        var after = await server.MemoryAsync();
        var health = await server.Http.GetFromJsonAsync<JsonNode>("/__admin/health");
        var tokens = health!["tokens"]!;
        return $"{Statuses(statuses)} in {clock.Elapsed.TotalSeconds:F1} s; GC heap {before.Heap} → {after.Heap} MB, RSS {before.Rss} → {after.Rss} MB; token entries {tokens["entries"]}{(tokens["bytes"] is { } bytes ? $" ({bytes.GetValue<long>() / 1024 / 1024} MB estimated, {tokens["evicted"]} evicted)" : "")}";
    }

    private static async Task<string> AdminBindFloodAsync(Server server)
    {
        var before = await server.MemoryAsync();
        var statuses = new int[600];
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < 300; i++)
        {
            var token = i.ToString("D8", CultureInfo.InvariantCulture) + new string('b', 900 * 1024);
            using var response = await server.Http.PostAsJsonAsync("/__admin/vendors/runloop/tokens", new { token, scenario = "quota-reached" });
            statuses[(int)response.StatusCode]++;
        }

        var after = await server.MemoryAsync();
        return $"{Statuses(statuses)} in {clock.Elapsed.TotalSeconds:F1} s; GC heap {before.Heap} → {after.Heap} MB, RSS {before.Rss} → {after.Rss} MB";
    }

    private static async Task<string> RegexMappingsAsync(Server server)
    {
        for (var i = 0; i < 25; i++)
        {
            var mapping = new JsonObject { ["request"] = new JsonObject { ["method"] = "GET", ["urlPattern"] = "((.|/)*)*Q", ["headers"] = new JsonObject { ["X-Never"] = new JsonObject { ["equalTo"] = i.ToString(CultureInfo.InvariantCulture) } } }, ["response"] = new JsonObject { ["status"] = 204 } };
            (await server.Http.PostAsync("/__admin/mappings", Json(mapping.ToJsonString()))).EnsureSuccessStatusCode();
        }

        var times = new List<double>();
        var statuses = new int[600];
        for (var i = 0; i < 5; i++)
        {
            var clock = Stopwatch.StartNew();
            using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/accounts/me?filter=aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa");
            request.Headers.TryAddWithoutValidation("Authorization", "Bearer rl_regex");
            using var response = await server.Http.SendAsync(request);
            times.Add(clock.Elapsed.TotalMilliseconds);
            statuses[(int)response.StatusCode]++;
        }

        return $"{Statuses(statuses)}; {Median(times):F1} ms per request (median of 5, max {times.Max():F1})";
    }

    private static async Task<string> BackreferenceMappingsAsync(Server server)
    {
        for (var i = 0; i < 25; i++)
        {
            (await server.Http.PostAsync("/__admin/mappings", Json("""{"request": {"method": "GET", "urlPathPattern": "/slow/(a+)+\\1b"}, "response": {"status": 204}}"""))).EnsureSuccessStatusCode();
        }

        var times = new List<double>();
        var statuses = new int[600];
        for (var i = 0; i < 3; i++)
        {
            var clock = Stopwatch.StartNew();
            using var response = await server.Http.GetAsync("/slow/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa");
            times.Add(clock.Elapsed.TotalMilliseconds);
            statuses[(int)response.StatusCode]++;
        }

        return $"{Statuses(statuses)}; {Median(times):F0} ms per request (median of 3, max {times.Max():F0})";
    }

    private static async Task<string> RegexFindAsync(Server server)
    {
        for (var i = 0; i < 50; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"/v1/accounts/me?filter=aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa{i}");
            request.Headers.TryAddWithoutValidation("Authorization", "Bearer rl_find");
            (await server.Http.SendAsync(request)).Dispose();
        }

        var clock = Stopwatch.StartNew();
        using var response = await server.Http.PostAsync("/__admin/requests/find", Json("""{"urlPattern": "((.|/)*)*Q"}"""));
        return $"{(int)response.StatusCode} in {clock.Elapsed.TotalMilliseconds:F0} ms";
    }

    private static async Task<string> JsonPathAsync(Server server)
    {
        (await server.Http.PostAsync("/__admin/mappings", Json("""{"request": {"method": "POST", "urlPath": "/jp", "bodyPatterns": [{"matchesJsonPath": {"expression": "$..*", "matches": "((.|/)*)*Q"}}]}, "response": {"status": 204}}"""))).EnsureSuccessStatusCode();
        var body = "{" + string.Join(", ", Enumerable.Range(0, 40).Select(i => $"\"field{i:D2}\": \"aaaaaaaaaaaaaaaaaaaaaaa\"")) + "}";
        var clock = Stopwatch.StartNew();
        using var whole = await server.Http.PostAsync("/jp", Json(body));
        var full = clock.Elapsed.TotalMilliseconds;

        var cpuBefore = server.CpuSeconds();
        using var impatient = new HttpClient { BaseAddress = new Uri(Url), Timeout = TimeSpan.FromSeconds(1) };
        for (var i = 0; i < 4; i++)
        {
            try
            {
                (await impatient.PostAsync("/jp", Json(body))).Dispose();
            }
            catch (TaskCanceledException)
            {
                // The client left; the server should stop too.
            }
        }

        var left = server.CpuSeconds();
        await Task.Delay(TimeSpan.FromSeconds(10));
        var after = server.CpuSeconds();
        return $"{(int)whole.StatusCode} in {full:F0} ms ({body.Length} B body); four clients leaving after 1 s: {left - cpuBefore:F1} s CPU while they waited, {after - left:F1} s CPU in the 10 s after";
    }

    private static async Task<string> NestedEachAsync(Server server)
    {
        const string Each = "{{#each request.pathSegments}}{{#each ../request.pathSegments}}{{#each ../../request.pathSegments}}{{this}}{{/each}}{{/each}}{{/each}}";
        (await server.Http.PostAsync("/__admin/mappings", Json($$$"""{"request": {"method": "GET", "urlPathPattern": "/nest/.*"}, "response": {"status": 200, "body": "{{{Each}}}", "transformers": ["response-template"]}}"""))).EnsureSuccessStatusCode();
        var path = "/nest/" + string.Join("/", Enumerable.Range(0, 2300 / 6).Select(i => (i % 100).ToString("D5", CultureInfo.InvariantCulture)));
        var before = await server.MemoryAsync();
        var clock = Stopwatch.StartNew();
        using var client = new HttpClient { BaseAddress = new Uri(Url), Timeout = TimeSpan.FromMinutes(5) };
        using var response = await client.GetAsync(path, HttpCompletionOption.ResponseHeadersRead);
        var length = (await response.Content.ReadAsByteArrayAsync()).LongLength;
        var after = await server.MemoryAsync();
        return $"{(int)response.StatusCode}, {length / 1024.0 / 1024.0:F1} MB body in {clock.Elapsed.TotalMilliseconds:F0} ms (URL {path.Length} chars); RSS {before.Rss} → {after.Rss} MB";
    }

    private static async Task<string> BigTemplateAsync(Server server, int size)
    {
        var unit = "{{request.path}}-{{request.method}} ";
        var template = string.Concat(Enumerable.Repeat(unit, size / unit.Length));
        var mapping = new JsonObject
        {
            ["request"] = new JsonObject { ["method"] = "GET", ["urlPath"] = "/big" },
            ["response"] = new JsonObject { ["status"] = 200, ["body"] = template, ["transformers"] = new JsonArray("response-template") },
        };
        var before = await server.MemoryAsync();
        var clock = Stopwatch.StartNew();
        using var client = new HttpClient { BaseAddress = new Uri(Url), Timeout = TimeSpan.FromMinutes(5) };
        using var response = await client.PostAsync("/__admin/mappings", Json(mapping.ToJsonString()));
        var created = clock.Elapsed.TotalMilliseconds;
        var after = await server.MemoryAsync();
        return $"{(int)response.StatusCode} in {created:F0} ms ({template.Length / 1024} K characters); GC heap {before.Heap} → {after.Heap} MB, RSS {before.Rss} → {after.Rss} MB";
    }

    /// <summary>In-process: a million lognormal draws (median 1 ms, sigma 20) through <see cref="StubDelay.Sample"/>.</summary>
    private static void Delays()
    {
        var delay = new StubDelay(0, "lognormal", 1, 20);
        var random = new Random(24);
        double max = 0;
        int over600 = 0, failed = 0;
        const int n = 1_000_000;
        for (var i = 0; i < n; i++)
        {
            try
            {
                var drawn = delay.Sample(random).TotalSeconds;
                max = Math.Max(max, drawn);
                over600 += drawn > 600 ? 1 : 0;
            }
            catch (OverflowException)
            {
                failed++;
            }
        }

        Console.WriteLine();
        Console.WriteLine("| lognormal median 1 ms, sigma 20: 1,000,000 draws | value |");
        Console.WriteLine("| --- | --- |");
        Console.WriteLine($"| longest delay drawn | {max.ToString("G4", CultureInfo.InvariantCulture)} s |");
        Console.WriteLine($"| draws over 600 s | {over600} |");
        Console.WriteLine($"| draws that threw (TimeSpan overflowed) | {failed} |");
    }

    /// <summary>In-process: the two .NET engines on the patterns WireMock mappings typically use (the corpus's), per match and per construction.</summary>
    private static void RegexEngines()
    {
        (string Pattern, string Input)[] cases =
        [
            ("/diff/pattern/[0-9]+\\?q=.*", "/diff/pattern/12345?q=hello"),
            ("/diff/items/[a-z]+", "/diff/items/widgets"),
            ("[a-f0-9]{8}", "0badf00d"),
            ("dark|light", "light"),
            ("/v1/.*/me", "/v1/accounts/me"),
            ("((.|/)*)*Q", "/v1/accounts/me?filter=aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"),
        ];
        Console.WriteLine();
        Console.WriteLine("| pattern | backtracking µs/match | non-backtracking µs/match | backtracking construction µs | non-backtracking construction µs | backtracking KB held | non-backtracking KB held (after matching) |");
        Console.WriteLine("| --- | --- | --- | --- | --- | --- | --- |");
        foreach (var (pattern, input) in cases)
        {
            var anchored = $"\\A(?:{pattern})\\z";
            var construct = new double[2];
            var match = new double[2];
            var held = new double[2];
            for (var engine = 0; engine < 2; engine++)
            {
                var options = System.Text.RegularExpressions.RegexOptions.CultureInvariant | (engine == 1 ? System.Text.RegularExpressions.RegexOptions.NonBacktracking : 0);
                var timeout = TimeSpan.FromMilliseconds(200);
                const int Builds = 200;
                var clock = Stopwatch.StartNew();
                System.Text.RegularExpressions.Regex regex = null!;
                for (var i = 0; i < Builds; i++)
                {
                    regex = new System.Text.RegularExpressions.Regex(anchored, options, timeout);
                }

                construct[engine] = clock.Elapsed.TotalMicroseconds / Builds;
                var matches = engine == 0 && pattern.StartsWith("((", StringComparison.Ordinal) ? 3 : 100_000;
                clock.Restart();
                for (var i = 0; i < matches; i++)
                {
                    try
                    {
                        regex.IsMatch(input);
                    }
                    catch (System.Text.RegularExpressions.RegexMatchTimeoutException)
                    {
                        // The backtracking engine on the attack's pattern: every run is its timeout.
                    }
                }

                match[engine] = clock.Elapsed.TotalMicroseconds / matches;

                // What one instance holds once it has matched: many mappings keep one (or a few) each.
                var before = GC.GetTotalMemory(forceFullCollection: true);
                var kept = new System.Text.RegularExpressions.Regex[100];
                for (var i = 0; i < kept.Length; i++)
                {
                    kept[i] = new System.Text.RegularExpressions.Regex(anchored, options, timeout);
                    if (engine == 1 || !pattern.StartsWith("((", StringComparison.Ordinal))
                    {
                        kept[i].IsMatch(input);
                    }
                }

                held[engine] = (GC.GetTotalMemory(forceFullCollection: true) - before) / 1024.0 / kept.Length;
                GC.KeepAlive(kept);
            }

            Console.WriteLine($"| `{pattern}` | {match[0]:F2} | {match[1]:F2} | {construct[0]:F1} | {construct[1]:F1} | {held[0]:F1} | {held[1]:F1} |");
        }
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private static string Statuses(int[] statuses) =>
        string.Join(", ", statuses.Select((n, status) => (n, status)).Where(p => p.n > 0).Select(p => $"{p.n} × {p.status}"));

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);

    /// <summary>One server process on a fixed loopback port.</summary>
    private sealed class Server : IAsyncDisposable
    {
        private readonly Process _process;

        private Server(Process process)
        {
            _process = process;
            Http = new HttpClient { BaseAddress = new Uri(Url), Timeout = TimeSpan.FromMinutes(5) };
        }

        public HttpClient Http { get; }

        public static async Task<Server> StartAsync(string dll)
        {
            var process = Process.Start(new ProcessStartInfo("dotnet")
            {
                ArgumentList = { dll, "--urls", Url, "--MockAccounts:HotReload=false", "--MockAccounts:RequestLog=false", "--Logging:LogLevel:Default=Warning" },
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            })!;
            var server = new Server(process);
            for (var i = 0; i < 300; i++)
            {
                try
                {
                    if ((await server.Http.GetAsync("/__admin/health")).IsSuccessStatusCode)
                    {
                        return server;
                    }
                }
                catch (HttpRequestException)
                {
                    await Task.Delay(100);
                }
            }

            throw new InvalidOperationException($"{dll} did not start");
        }

        public async Task<(long Heap, long Rss)> MemoryAsync()
        {
            var health = await Http.GetFromJsonAsync<JsonNode>("/__admin/health");
            return (health!["memory"]!["heapBytes"]!.GetValue<long>() / 1024 / 1024, Rss() / 1024);
        }

        /// <summary>User plus system CPU seconds of the server process, from /proc.</summary>
        public double CpuSeconds()
        {
            var fields = File.ReadAllText($"/proc/{_process.Id}/stat").Split(')')[1].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            // After the command: state is field 3, utime 14 and stime 15 (1-based in proc(5)), so indices 11 and 12 here.
            return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / 100.0;
        }

        public async ValueTask DisposeAsync()
        {
            Http.Dispose();
            _process.Kill();
            await _process.WaitForExitAsync();
            _process.Dispose();
        }

        private long Rss()
        {
            var line = File.ReadLines($"/proc/{_process.Id}/status").FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
            return line is null ? 0 : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
        }
    }
}
