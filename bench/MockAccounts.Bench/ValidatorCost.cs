using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using MockAccounts.Core;
using MockAccounts.Core.Contracts;
using MockAccounts.Core.Generation;
using MockAccounts.Core.Loading;

namespace MockAccounts.Bench;

/// <summary>
/// The serving path's body check (our BodyCheck) beside JsonSchema.Net 8 and NJsonSchema on every scenario body of
/// every vendor and variant, in alternating rounds of one run; and each library's cost to build every response
/// schema of every contract, as a load does. All three must give the same verdict on every body.
/// </summary>
internal static class ValidatorCost
{
    private const int Rounds = 5;
    private static readonly string[] Tokens = ["bench-token-1", "bench-token-2", "bench-token-3"];

    public static async Task<int> RunAsync()
    {
        var snapshot = await ContractSnapshot.LoadAsync(ContractSources.Under(CoreCost.FindRoot()), GenerationOptions.StartingToday());
        var cases = Cases(snapshot).ToArray();
        Console.WriteLine($"{cases.Length} scenario bodies ({cases.Sum(c => c.Body.Length) / cases.Length} bytes on average) of {snapshot.Contracts.Vendors.Count} vendors");

        var evaluation = new Json.Schema.EvaluationOptions { OutputFormat = Json.Schema.OutputFormat.Flag };
        foreach (var c in cases)
        {
            var ours = c.Quick.Accepts(c.Body);
            using var document = JsonDocument.Parse(c.Body);
            var library = c.Library.Evaluate(document.RootElement, evaluation).IsValid;
            var njson = c.NJson.Validate(System.Text.Encoding.UTF8.GetString(c.Body)).Count == 0;
            if (ours != library || ours != njson)
            {
                Console.WriteLine($"verdicts differ on {c.Label}: BodyCheck {ours}, JsonSchema.Net {library}, NJsonSchema {njson}");
                return 1;
            }
        }

        var results = new Dictionary<string, List<(double Ns, double Bytes)>>();
        for (var round = 0; round < Rounds; round++)
        {
            Measure("BodyCheck (ours, serving path)", c => c.Quick.Accepts(c.Body));
            Measure("JsonSchema.Net 8.0.5 (parse + evaluate, flag output)", c =>
            {
                using var document = JsonDocument.Parse(c.Body);
                return c.Library.Evaluate(document.RootElement, evaluation).IsValid;
            });
            Measure("NJsonSchema 10.7.2 (what tests and loads use)", c => c.NJson.Validate(System.Text.Encoding.UTF8.GetString(c.Body)).Count == 0);
        }

        Console.WriteLine();
        Console.WriteLine("| checker | ns per body (median of rounds) | bytes per body | ratio to BodyCheck |");
        Console.WriteLine("| --- | --- | --- | --- |");
        var baseline = Median(results.First().Value.Select(r => r.Ns));
        foreach (var (name, runs) in results)
        {
            var ns = Median(runs.Select(r => r.Ns));
            Console.WriteLine($"| {name} | {ns:F0} | {Median(runs.Select(r => r.Bytes)):F0} | {ns / baseline:F2} |");
        }

        BuildCost(snapshot);
        return await PublishedAsync(Median(results.First().Value.Select(r => r.Ns)));

        void Measure(string name, Func<Case, bool> check) =>
            (results.TryGetValue(name, out var list) ? list : results[name] = []).Add(Timed(cases, 200, check));
    }

    /// <summary>Nanoseconds and bytes allocated per check, over every case <paramref name="passes"/> times.</summary>
    private static (double Ns, double Bytes) Timed<T>(IReadOnlyCollection<T> cases, int passes, Func<T, bool> check)
    {
        var accepted = 0;
        var allocated = GC.GetAllocatedBytesForCurrentThread();
        var clock = Stopwatch.StartNew();
        for (var pass = 0; pass < passes; pass++)
        {
            foreach (var c in cases)
            {
                accepted += check(c) ? 1 : 0;
            }
        }

        var n = (double)passes * cases.Count;
        GC.KeepAlive(accepted);
        return (clock.Elapsed.TotalNanoseconds / n, (GC.GetAllocatedBytesForCurrentThread() - allocated) / n);
    }

    /// <summary>
    /// The published specs (tests/published-specs and 20 resources of the <c>published</c> bench's spec): every response's
    /// generated bodies, BodyCheck beside NJsonSchema in alternating rounds. BodyCheck must say yes to every body
    /// NJsonSchema accepts (else the serving path falls back) and to none it refuses.
    /// </summary>
    private static async Task<int> PublishedAsync(double ownContractsNs)
    {
        var folder = Path.Combine(Path.GetTempPath(), "mockaccounts-bench", "validators-" + Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Directory.CreateDirectory(Path.Combine(folder, "schemas", "big"));
        await File.WriteAllTextAsync(Path.Combine(folder, "schemas", "big", "openapi.yaml"), GeneratedPublishedSpec.Text(20));
        try
        {
            var cases = new List<(string Label, byte[] Body, Core.Schemas.BodyCheck Quick, NJsonSchema.JsonSchema NJson)>();
            foreach (var root in new[] { Path.Combine(CoreCost.FindRoot(), "tests", "published-specs"), folder })
            {
                var snapshot = await ContractSnapshot.LoadAsync(ContractSources.Under(root), GenerationOptions.StartingToday());
                foreach (var variant in snapshot.Contracts.Vendors.Values.SelectMany(v => v.Variants.Values))
                {
                    foreach (var operation in variant.Operations)
                    {
                        foreach (var (status, response) in operation.Responses.Where(r => r.Value.BodyValidator is not null))
                        {
                            foreach (var token in Tokens)
                            {
                                var body = snapshot.Responses.Produce(variant, operation, Core.Scenarios.ResponseStep.Plain(status) with { Generated = true }, token).Body;
                                cases.Add(($"{variant.Vendor} {operation.Display} {status}/{token}", body,
                                    response.BodyCheck ?? throw new InvalidOperationException($"{variant.Vendor} {operation.Display} {status} has no quick check"), response.BodyValidator!));
                            }
                        }
                    }
                }
            }

            foreach (var c in cases)
            {
                var ours = c.Quick.Accepts(c.Body);
                var njson = c.NJson.Validate(System.Text.Encoding.UTF8.GetString(c.Body)).Count == 0;
                if (ours != njson)
                {
                    Console.WriteLine($"verdicts differ on {c.Label}: BodyCheck {ours}, NJsonSchema {njson}");
                    return 1;
                }
            }

            Console.WriteLine();
            Console.WriteLine($"published specs: {cases.Count} generated bodies ({cases.Sum(c => c.Body.Length) / cases.Count} bytes on average), median of {Rounds} alternating rounds:");
            var (quick, njsonNs) = (new List<(double, double)>(), new List<(double, double)>());
            for (var round = 0; round < Rounds; round++)
            {
                quick.Add(Timed(cases, 50, c => c.Quick.Accepts(c.Body)));
                njsonNs.Add(Timed(cases, 50, c => c.NJson.Validate(System.Text.Encoding.UTF8.GetString(c.Body)).Count == 0));
            }

            var (ours2, theirs) = (Median(quick.Select(q => q.Item1)), Median(njsonNs.Select(q => q.Item1)));
            Console.WriteLine("| checker | ns per body | bytes per body | ns per body byte | ratio to BodyCheck |");
            Console.WriteLine("| --- | --- | --- | --- | --- |");
            var bytes = cases.Average(c => c.Body.Length);
            Console.WriteLine($"| BodyCheck (serving path) | {ours2:F0} | {Median(quick.Select(q => q.Item2)):F0} | {ours2 / bytes:F2} | 1.00 |");
            Console.WriteLine($"| NJsonSchema 10.7.2 (the fallback) | {theirs:F0} | {Median(njsonNs.Select(q => q.Item2)):F0} | {theirs / bytes:F2} | {theirs / ours2:F2} |");
            Console.WriteLine($"(BodyCheck on the built-in vendors' bodies above: {ownContractsNs:F0} ns per body)");
            return 0;
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>Building every response schema of every contract, as a load without a cached proof does.</summary>
    private static void BuildCost(ContractSnapshot snapshot)
    {
        var schemas = snapshot.Contracts.Vendors.Values.SelectMany(v => v.Variants.Values)
            .SelectMany(variant => variant.Operations.SelectMany(o => o.Responses.Where(r => r.Value.Body is not null).Select(r => SchemaText(variant, o, r.Key))))
            .ToArray();
        Console.WriteLine();
        Console.WriteLine($"building {schemas.Length} response schemas (every operation, status, variant), median of {Rounds} alternating rounds:");
        var library = new List<double>();
        var njson = new List<double>();
        for (var round = 0; round < Rounds; round++)
        {
            var clock = Stopwatch.StartNew();
            foreach (var text in schemas)
            {
                _ = Json.Schema.JsonSchema.FromText(text, new Json.Schema.BuildOptions { SchemaRegistry = new Json.Schema.SchemaRegistry() });
            }

            library.Add(clock.Elapsed.TotalMilliseconds);
            clock.Restart();
            foreach (var text in schemas)
            {
                _ = NJsonSchema.JsonSchema.FromJsonAsync(text).GetAwaiter().GetResult();
            }

            njson.Add(clock.Elapsed.TotalMilliseconds);
        }

        Console.WriteLine($"| JsonSchema.Net 8.0.5 | {Median(library):F1} ms |");
        Console.WriteLine($"| NJsonSchema 10.7.2 | {Median(njson):F1} ms |");
    }

    private static IEnumerable<Case> Cases(ContractSnapshot snapshot)
    {
        foreach (var variant in snapshot.Contracts.Vendors.Values.SelectMany(v => v.Variants.Values))
        {
            foreach (var scenario in variant.Catalogue.Names)
            {
                var steps = variant.Catalogue.Find(scenario)!;
                for (var step = 0; step < Math.Max(1, steps.Steps.Count); step++)
                {
                    foreach (var token in Tokens)
                    {
                        var response = snapshot.Respond(variant.Vendor, variant.Name, token, scenario, step);
                        if (variant.Account.Responses.TryGetValue(response.Status, out var contract) && contract.Body is not null && contract.BodyCheck is { } quick && response.Body.Length > 0)
                        {
                            yield return new Case(
                                $"{variant.Vendor}/{variant.Name}/{scenario}#{step}/{token}", response.Body, quick,
                                Json.Schema.JsonSchema.FromText(SchemaText(variant, variant.Account, response.Status), new Json.Schema.BuildOptions { SchemaRegistry = new Json.Schema.SchemaRegistry() }),
                                contract.BodyValidator!);
                        }
                    }
                }
            }
        }
    }

    /// <summary>The response schema as one JSON Schema 2020-12 document: the contract's components under $defs.</summary>
    private static string SchemaText(VariantContract variant, OperationContract operation, int status)
    {
        var document = JsonNode.Parse(variant.OpenApiJson)!;
        var schema = document["paths"]![operation.Path]![operation.Method.ToLowerInvariant()]!["responses"]![status.ToString(System.Globalization.CultureInfo.InvariantCulture)]!
            ["content"]!.AsObject().First().Value!["schema"]!.DeepClone().AsObject();
        schema["$schema"] = "https://json-schema.org/draft/2020-12/schema";
        schema["$defs"] = document["components"]?["schemas"]?.DeepClone() ?? new JsonObject();
        return schema.ToJsonString().Replace("#/components/schemas/", "#/$defs/", StringComparison.Ordinal);
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted[sorted.Length / 2];
    }

    private sealed record Case(string Label, byte[] Body, Core.Schemas.BodyCheck Quick, Json.Schema.JsonSchema Library, NJsonSchema.JsonSchema NJson);
}
