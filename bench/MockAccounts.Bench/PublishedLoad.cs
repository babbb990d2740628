using System.Diagnostics;
using System.Globalization;
using System.Text;
using MockAccounts.Core.Generation;
using MockAccounts.Core.Http;
using MockAccounts.Core.Loading;
using MockAccounts.Core.Runtime;

namespace MockAccounts.Bench;

/// <summary>
/// A published spec at scale: a generated OpenAPI 3.0 YAML of 1,000 operations (about 5 MB, every keyword the
/// loader honours) loaded cold and proven, beside the built-in vendors; then the pipeline per request for one of
/// its operations and for Runloop's account, alternating, in one run; for new tokens also with validation off,
/// which leaves the body check's share of a miss.
/// </summary>
internal static class PublishedLoad
{
    private const int Resources = GeneratedPublishedSpec.Resources;

    /// <summary>Rounds of requests; the first two warm the JIT's tiers up.</summary>
    private const int Rounds = 5;

    public static async Task<int> RunAsync()
    {
        var folder = Path.Combine(Path.GetTempPath(), "mockaccounts-bench", "published-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
        var spec = Path.Combine(folder, "schemas", "big", "openapi.yaml");
        Directory.CreateDirectory(Path.GetDirectoryName(spec)!);
        await File.WriteAllTextAsync(spec, GeneratedPublishedSpec.Text(Resources));
        var size = new FileInfo(spec).Length;
        Console.WriteLine($"spec: {Resources * 4} operations, {size / 1024.0 / 1024.0:F2} MB of YAML ({spec})");

        var root = CoreCost.FindRoot();
        var options = GenerationOptions.StartingToday();
        var cache = ProofCache.In(Path.Combine(folder, "proofs"));
        foreach (var (label, sources) in new[] { ("built-in vendors", ContractSources.Under(root)), ("published 1,000 operations", ContractSources.Under(folder)) })
        {
            var clock = Stopwatch.StartNew();
            _ = await Core.ContractSnapshot.LoadAsync([sources], options, cache);
            var cold = clock.ElapsedMilliseconds;
            clock.Restart();
            _ = await Core.ContractSnapshot.LoadAsync([sources], options, cache);
            Console.WriteLine($"load {label}: unproven {cold} ms, proven {clock.ElapsedMilliseconds} ms");
        }

        using var builtIn = await ContractStore.LoadAsync([ContractSources.Under(root)], options, cache);
        using var big = await ContractStore.LoadAsync([ContractSources.Under(folder)], options, cache);
        var builtInPipeline = new MockPipeline(builtIn, new MockState(), ValidationMode.Strict);
        var bigPipeline = new MockPipeline(big, new MockState(), ValidationMode.Strict);

        // The same contracts unvalidated: what a miss costs besides checking its body.
        var builtInUnchecked = new MockPipeline(builtIn, new MockState(), ValidationMode.Off);
        var bigUnchecked = new MockPipeline(big, new MockState(), ValidationMode.Off);
        Console.WriteLine($"average body: runloop {Size(builtInPipeline, "/v1/accounts/me", "Authorization", "Bearer size-")} B, published example {Size(bigPipeline, "/v3/res123/items/7", "X-Key", "size-")} B, generated {Size(bigPipeline, "/v3/res123/items", "X-Key", "size-")} B");
        for (var round = 1; round <= Rounds; round++)
        {
            foreach (var (label, distinct) in new[] { ("one token", 1), ("new token each time", int.MaxValue) })
            {
                // Each round's new tokens are new to the caches too.
                var runloop = Measure(builtInPipeline, "/v1/accounts/me", "Authorization", $"Bearer tok-{round}-", distinct);
                var example = Measure(bigPipeline, "/v3/res123/items/7", "X-Key", $"key-{round}-", distinct);
                var generated = Measure(bigPipeline, "/v3/res123/items", "X-Key", $"key-{round}-", distinct);
                Console.WriteLine($"round {round}, {label}: runloop GET /v1/accounts/me {runloop:F1} µs/request; published GET /v3/res123/items/7 (its example) {example:F1} µs ({example / runloop:F2}x); GET /v3/res123/items (generated) {generated:F1} µs ({generated / runloop:F2}x)");
                if (distinct != 1)
                {
                    var runloopOff = Measure(builtInUnchecked, "/v1/accounts/me", "Authorization", $"Bearer off-{round}-", distinct);
                    var generatedOff = Measure(bigUnchecked, "/v3/res123/items", "X-Key", $"off-{round}-", distinct);
                    Console.WriteLine($"round {round}, {label}, validation off: runloop {runloopOff:F1} µs, generated {generatedOff:F1} µs ({generatedOff / runloopOff:F2}x); the body check's share: runloop {runloop - runloopOff:F1} µs, generated {generated - generatedOff:F1} µs");
                }
            }
        }

        Directory.Delete(folder, recursive: true);
        return 0;
    }

    /// <summary>The average body of 100 new tokens' responses (a generated list holds up to three items).</summary>
    private static int Size(MockPipeline pipeline, string path, string header, string prefix) =>
        (int)Enumerable.Range(0, 100).Average(i => pipeline.Handle(new MockRequest("GET", path, name => string.Equals(name, header, StringComparison.OrdinalIgnoreCase) ? prefix + i.ToString(CultureInfo.InvariantCulture) : null, ReadOnlyMemory<byte>.Empty)) is Served served
            ? served.Response.Body.Length
            : 0);

    private static double Measure(MockPipeline pipeline, string path, string header, string prefix, int distinct)
    {
        const int n = 20_000;
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < n; i++)
        {
            var value = prefix + (distinct == 1 ? 0 : i).ToString(CultureInfo.InvariantCulture);
            var result = pipeline.Handle(new MockRequest("GET", path, name => string.Equals(name, header, StringComparison.OrdinalIgnoreCase) ? value : null, ReadOnlyMemory<byte>.Empty));
            if (result is not Served { Response.Status: 200, Violations.Count: 0 })
            {
                throw new InvalidOperationException($"{path}: {result}");
            }
        }

        return clock.Elapsed.TotalMicroseconds / n;
    }
}
