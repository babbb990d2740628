using System.Diagnostics;
using MockAccounts.Core;
using MockAccounts.Core.Generation;
using MockAccounts.Core.Loading;
using MockAccounts.Core.Validation;

namespace MockAccounts.Bench;

/// <summary>Where a request's time goes inside the core: load, generate, validate (Stopwatch, quick look).</summary>
internal static class CoreCost
{
    public static async Task<int> RunAsync()
    {
        var root = FindRoot();
        var probe = Stopwatch.StartNew();
        var schema = await NJsonSchema.JsonSchema.FromJsonAsync(File.ReadAllText(Path.Combine(root, "schemas/scenario-catalogue.schema.json")));
        Console.WriteLine($"cold: first NJsonSchema parse (catalogue schema): {probe.ElapsedMilliseconds} ms");
        probe.Restart();
        var errors = schema.Validate(File.ReadAllText(Path.Combine(root, "mocks/runloop/scenarios.json")));
        Console.WriteLine($"cold: first NJsonSchema validation: {probe.ElapsedMilliseconds} ms ({errors.Count})");
        probe.Restart();
        _ = new Bogus.Faker("en").Name.FirstName();
        Console.WriteLine($"cold: first Bogus Faker: {probe.ElapsedMilliseconds} ms");
        var load = Stopwatch.StartNew();
        var engine = await ContractSnapshot.LoadAsync(ContractSources.Under(root), GenerationOptions.StartingToday());
        Console.WriteLine($"load (first): {load.ElapsedMilliseconds} ms");
        load.Restart();
        engine = await ContractSnapshot.LoadAsync(ContractSources.Under(root), GenerationOptions.StartingToday());
        Console.WriteLine($"load (second): {load.ElapsedMilliseconds} ms");

        var variant = engine.Variant("runloop");
        const int n = 5000;
        for (var round = 1; round <= 3; round++)
        {
            // Three rounds: the first runs partly on tier-0 code; the last is the steady state.
            var clock = Stopwatch.StartNew();
            Core.Http.MockResponse? last = null;
            for (var i = 0; i < n; i++)
            {
                last = engine.Respond("runloop", "documented", $"tok{round}-{i}", "enabled");
            }

            var generate = clock.Elapsed.TotalMicroseconds / n;
            clock.Restart();
            for (var i = 0; i < n; i++)
            {
                ResponseValidator.Validate(variant.Account, last!);
            }

            var quick = clock.Elapsed.TotalMicroseconds / n;
            clock.Restart();
            for (var i = 0; i < n; i++)
            {
                Core.Validation.ResponseValidator.Validate(variant.Account, last!.Status, last.Headers, last.Body, independently: true);
            }

            var reference = clock.Elapsed.TotalMicroseconds / n;
            Console.WriteLine($"round {round}: generate {generate:F1} µs; validate on the serving path (quick check) {quick:F1} µs; with NJsonSchema (load, tests) {reference:F1} µs");
        }

        await PipelineAsync(root);
        return 0;
    }

    /// <summary>Only the pipeline rounds, for a profiler: <c>dotnet-trace collect -- dotnet MockAccounts.Bench.dll misses</c>.</summary>
    public static async Task<int> MissesAsync()
    {
        await PipelineAsync(FindRoot());
        return 0;
    }

    /// <summary>The whole pipeline per request: one token (cached) against a new token every time (a miss), with GC counts.</summary>
    private static async Task PipelineAsync(string root)
    {
        using var store = await Core.Runtime.ContractStore.LoadAsync([ContractSources.Under(root)], GenerationOptions.StartingToday());
        var pipeline = new Core.Runtime.MockPipeline(store, new Core.Runtime.MockState(), Core.Runtime.ValidationMode.Strict);
        foreach (var (label, distinct) in new[] { ("one token", 1), ("new token each time", int.MaxValue), ("one token", 1), ("new token each time", int.MaxValue) })
        {
            const int n = 100_000;
            var gen0 = GC.CollectionCount(0);
            var gen1 = GC.CollectionCount(1);
            var gen2 = GC.CollectionCount(2);
            var allocated = GC.GetTotalAllocatedBytes();
            var clock = Stopwatch.StartNew();
            for (var i = 0; i < n; i++)
            {
                var header = "Bearer tok-" + (distinct == 1 ? 0 : i);
                pipeline.Handle(new Core.Http.MockRequest("GET", "/v1/accounts/me", name => name == "Authorization" ? header : null, ReadOnlyMemory<byte>.Empty));
            }

            Console.WriteLine($"pipeline, {label}: {clock.Elapsed.TotalMicroseconds / n:F1} µs/request, {(GC.GetTotalAllocatedBytes() - allocated) / n} B/request, GCs gen0 {GC.CollectionCount(0) - gen0} gen1 {GC.CollectionCount(1) - gen1} gen2 {GC.CollectionCount(2) - gen2}");
        }
    }

    internal static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "MockAccounts.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("MockAccounts.sln not found");
    }
}
