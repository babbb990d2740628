using System.Text;
using System.Text.Json.Nodes;
using FluentAssertions;
using MockAccounts.Core.Contracts;
using MockAccounts.Core.Generation;
using MockAccounts.Core.Loading;
using MockAccounts.Core.Runtime;
using MockAccounts.Core.Scenarios;
using MockAccounts.Core.Validation;

namespace MockAccounts.Core.Tests.Published;

/// <summary>
/// The serving path's quick body check on published specs (tests/published-specs: Ultravox, Petstore, Tic Tac Toe;
/// TestData/published: Acme and Tiny; the <c>published</c> bench's generated spec): every body schema, request and
/// response, has one, and it gives NJsonSchema's verdict on every body the spec's operations generate, and never a
/// "yes" to a mutation of one that NJsonSchema refuses.
/// </summary>
[CancelAfter(120_000)]
public sealed class PublishedBodyCheckTests
{
    /// <summary>The bench's spec with 6 of its 250 resources: the same schemas, in smaller number.</summary>
    private const int GeneratedResources = 6;

    private static readonly Dictionary<string, ContractStore> Stores = [];
    private static string? _generatedFolder;

    private static IEnumerable<TestCaseData> Specs() =>
        new[] { "ultravox", "petstore", "tictactoe", "acme", "tiny", "big" }.Select(v => new TestCaseData(v).SetArgDisplayNames(v));

    private static string Folder(string vendor) => vendor switch
    {
        "acme" or "tiny" => Contracts.TestData("published"),
        "big" => _generatedFolder!,
        _ => Path.Combine(Repository.Root, "tests", "published-specs"),
    };

    [OneTimeSetUp]
    public async Task LoadAsync()
    {
        _generatedFolder = Path.Combine(Path.GetTempPath(), "mockaccounts-tests", "generated-spec-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(_generatedFolder, "schemas", "big"));
        await File.WriteAllTextAsync(Path.Combine(_generatedFolder, "schemas", "big", "openapi.yaml"), MockAccounts.Bench.GeneratedPublishedSpec.Text(GeneratedResources));
        foreach (var folder in new[] { "published-specs", "published", "big" })
        {
            var path = folder switch
            {
                "published" => Contracts.TestData("published"),
                "big" => _generatedFolder,
                _ => Path.Combine(Repository.Root, "tests", "published-specs"),
            };
            Stores[path] = await ContractStore.LoadAsync([ContractSources.Under(path)], Contracts.Options, CancellationToken.None);
        }
    }

    [OneTimeTearDown]
    public void Dispose()
    {
        foreach (var store in Stores.Values)
        {
            store.Dispose();
        }

        Directory.Delete(_generatedFolder!, recursive: true);
    }

    private static (ContractSnapshot Snapshot, VariantContract Variant) Load(string vendor)
    {
        var snapshot = Stores[Folder(vendor)].Current;
        return (snapshot, snapshot.Variant(vendor));
    }

    [TestCaseSource(nameof(Specs))]
    public void Every_body_schema_has_a_quick_check(string vendor)
    {
        var (_, variant) = Load(vendor);
        var responses = variant.Operations.SelectMany(o => o.Responses.Values.Select(r => (Where: $"{o.Display} {r.Status}", r.BodyValidator, r.BodyCheck)));
        var requests = variant.Operations.Where(o => o.RequestBody is not null).Select(o => (Where: $"{o.Display} request", (NJsonSchema.JsonSchema?)o.RequestBody!.Validator, o.RequestBody.BodyCheck));
        var all = responses.Concat(requests).Where(b => b.Item2 is not null).ToArray();

        all.Where(b => b.Item3 is null).Select(b => b.Where).Should().BeEmpty($"every body schema of {vendor} is read by the quick check ({all.Length} bodies); why not: {Why(vendor)}");
        all.Should().NotBeEmpty();
    }

    [TestCaseSource(nameof(Specs))]
    public void Every_generated_and_example_body_gets_njsonschemas_verdict(string vendor)
    {
        var (checkedBodies, accepted) = (0, 0);
        foreach (var (where, response, body) in Bodies(vendor))
        {
            var reference = SchemaValidator.Validate(response.BodyValidator!, body);
            var quick = response.BodyCheck!.Accepts(body);

            quick.Should().Be(reference.Count == 0, $"{where}: NJsonSchema says {string.Join("; ", reference)} of {Encoding.UTF8.GetString(body)}");
            checkedBodies++;
            accepted += quick ? 1 : 0;
        }

        checkedBodies.Should().BeGreaterThanOrEqualTo(8, "every spec documents at least one body, generated four ways twice");
        accepted.Should().BeGreaterThan(checkedBodies / 2, "generated bodies keep their schema, so the quick check says yes to them");
    }

    [TestCaseSource(nameof(Specs))]
    public void No_mutation_njsonschema_refuses_is_accepted(string vendor)
    {
        var (refused, mutants) = (0, 0);
        foreach (var (where, response, body) in Bodies(vendor).Where((_, i) => i % 5 == 0))
        {
            foreach (var mutant in BodyMutants.Of(JsonNode.Parse(body)))
            {
                var bytes = Encoding.UTF8.GetBytes(mutant);
                mutants++;
                if (BodyMutants.Refused(response.BodyValidator!, mutant))
                {
                    refused++;
                    BodyMutants.Accepted(response.BodyCheck!, bytes).Should().BeFalse($"NJsonSchema refuses this {where} body: {Encoding.UTF8.GetString(bytes)}");
                }
            }
        }

        refused.Should().BeGreaterThan(Math.Min(100, mutants / 4), "the mutations must produce bodies the contract forbids");
    }

    /// <summary>
    /// A request body is checked on its own side: a response's body of the same operation (readOnly properties present)
    /// and its mutations (each property removed, readOnly and writeOnly alike) get the request validator's verdict.
    /// </summary>
    [TestCaseSource(nameof(Specs))]
    public void Request_bodies_get_the_request_validators_verdict(string vendor)
    {
        var (_, variant) = Load(vendor);
        var (compared, refused) = (0, 0);
        foreach (var operation in variant.Operations.Where(o => o.RequestBody?.BodyCheck is not null))
        {
            var contract = operation.RequestBody!;
            var samples = Bodies(vendor).Where(b => b.Where.StartsWith(operation.Display + " ", StringComparison.Ordinal)).Take(8)
                .SelectMany(b => BodyMutants.Of(JsonNode.Parse(b.Body)).Prepend(Encoding.UTF8.GetString(b.Body)));
            foreach (var sample in samples)
            {
                var bytes = Encoding.UTF8.GetBytes(sample);
                if (BodyMutants.Refused(contract.Validator, sample))
                {
                    refused++;
                    BodyMutants.Accepted(contract.BodyCheck!, bytes).Should().BeFalse($"NJsonSchema refuses this {operation.Display} request body: {Encoding.UTF8.GetString(bytes)}");
                }

                compared++;
            }
        }

        if (variant.Operations.Any(o => o.RequestBody?.BodyCheck is not null))
        {
            compared.Should().BeGreaterThan(0);
            refused.Should().BeGreaterThan(0);
        }
    }

    /// <summary>
    /// The bench's spec requires readOnly <c>id</c> and <c>createdAt</c>: a response must carry them, a request need not,
    /// and the quick check of each side says so as its validator does.
    /// </summary>
    [Test]
    public void ReadOnly_properties_are_required_of_responses_only()
    {
        var (_, variant) = Load("big");
        var operation = variant.FindOperation("POST", "/v3/res1/items")!;
        var body = """{"name": "n", "status": "active", "kind": {"type": "card", "last4": "4242"}}"""u8.ToArray();

        SchemaValidator.Validate(operation.RequestBody!.Validator, body).Should().BeEmpty();
        operation.RequestBody.BodyCheck!.Accepts(body).Should().BeTrue();
        SchemaValidator.Validate(operation.Responses[201].BodyValidator!, body).Should().NotBeEmpty();
        operation.Responses[201].BodyCheck!.Accepts(body).Should().BeFalse();
    }

    /// <summary>Every documented response of every operation: generated (realistic and edges, four tokens) and each example.</summary>
    private static IEnumerable<(string Where, ResponseContract Response, byte[] Body)> Bodies(string vendor)
    {
        var (snapshot, variant) = Load(vendor);
        foreach (var operation in variant.Operations)
        {
            foreach (var (status, response) in operation.Responses)
            {
                if (response.BodyValidator is null)
                {
                    continue;
                }

                var where = $"{operation.Display} {status}";
                var step = ResponseStep.Plain(status) with { Generated = true };
                for (var token = 0; token < 4; token++)
                {
                    yield return (where, response, snapshot.Responses.Produce(variant, operation, step, $"check-{token}").Body);
                    yield return (where, response, snapshot.Responses.Produce(variant, operation, step, $"edge-{token}", null, new RequestDraw(token, Variation.Edges)).Body);
                }

                foreach (var example in response.Examples)
                {
                    yield return ($"{where} example '{example.Name}'", response, example.Body);
                }
            }
        }
    }

    /// <summary>What the quick check does not read in each body schema of the spec that has none, for the failure message.</summary>
    private static string Why(string vendor)
    {
        var (_, variant) = Load(vendor);
        var spec = Directory.GetFiles(Path.Combine(Folder(vendor), "schemas", vendor), "openapi.*").Single();
        var raw = SpecText.Parse(File.ReadAllBytes(spec), SpecText.IsYaml(spec), (_, _) => { })!;
        SpecText.WithNulls(raw);
        var document = new PublishedSpecNormalizer(raw["openapi"]!.ToString().StartsWith("3.0", StringComparison.Ordinal),
            path => SpecText.Parse(File.ReadAllBytes(path), SpecText.IsYaml(path), (_, _) => { }), (_, _) => { }, (_, _) => { }).Normalize(raw, spec);
        var compiler = new SchemaCompiler(document, (_, _) => { }, published: true);
        var reasons = new List<string>();
        foreach (var (template, item) in document["paths"] as JsonObject ?? [])
        {
            foreach (var (method, operation) in (compiler.Resolve(item) as JsonObject ?? []).Where(p => p.Key is "get" or "put" or "post" or "delete" or "patch" or "options" or "head" or "trace"))
            {
                var bodies = (compiler.Resolve(operation?["responses"]) as JsonObject ?? []).Select(r => (Name: r.Key, Body: compiler.Resolve(r.Value)))
                    .Append((Name: "request", Body: compiler.Resolve(operation?["requestBody"])));
                foreach (var (name, body) in bodies.Where(b => b.Body is JsonObject))
                {
                    foreach (var (_, media) in body!["content"] as JsonObject ?? [])
                    {
                        if (media?["schema"] is { } schema && compiler.Check(schema, name == "request", out var why) is null)
                        {
                            reasons.Add($"{method} {template} {name}: {why}");
                        }
                    }
                }
            }
        }

        return string.Join("; ", reasons.Distinct().Take(20));
    }
}
