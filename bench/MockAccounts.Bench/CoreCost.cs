using System.Diagnostics;
using MockAccounts.Core;
using MockAccounts.Core.Generation;
using MockAccounts.Core.Loading;

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
            Core.Responses.MockResponse? last = null;
            for (var i = 0; i < n; i++)
            {
                last = engine.Respond("runloop", "documented", $"tok{round}-{i}", "enabled");
            }

            var generate = clock.Elapsed.TotalMicroseconds / n;
            clock.Restart();
            for (var i = 0; i < n; i++)
            {
                ContractSnapshot.Validate(variant.Account, last!);
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

        return 0;
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
