using MockAccounts.Core.Contracts;
using MockAccounts.Core.Generation;
using MockAccounts.Core.Json;
using MockAccounts.Core.Responses;
using MockAccounts.Core.Validation;

namespace MockAccounts.Core.Loading;

/// <summary>
/// Proves a catalogue before it is served: every step of every scenario is generated for a few
/// sample tokens and must validate against the schema of its status.
/// </summary>
internal sealed class CatalogueChecker
{
    private static readonly string[] SampleTokens = ["sample-token-1", "sample-token-2", "sample-token-3"];

    private readonly ResponseFactory _factory;
    private readonly GenerationOptions _options;
    private readonly ProofCache _proofs;

    public CatalogueChecker(BodyGenerator generator, GenerationOptions options, ProofCache proofs)
    {
        _factory = new ResponseFactory(generator);
        _options = options;
        _proofs = proofs;
    }

    /// <summary>The proof's key for a variant's files.</summary>
    public string Key(byte[] openApi, byte[] catalogue) => ProofCache.Key(openApi, catalogue, _options);

    /// <summary>Whether these very files were proven before (this build, these options).</summary>
    public bool IsProven(string key) => _proofs.Has(key);

    /// <summary>Remembers a successful proof.</summary>
    public void Remember(string key) => _proofs.Add(key);

    /// <summary>The proof's key for a published spec's files: the spec, its catalogue (or none) and every file it refers to.</summary>
    public string Key(byte[] spec, byte[] catalogue, IEnumerable<byte[]> others) => ProofCache.Key(spec, catalogue, others, _options);

    /// <summary>What a successful proof of these files remembered beside itself; null when they were not proven before.</summary>
    public string? Remembered(string key) => _proofs.Read(key);

    /// <summary>Remembers a successful proof with what it found.</summary>
    public void Remember(string key, string remembered) => _proofs.Add(key, remembered);

    /// <summary>
    /// Compiles every NJsonSchema validator of the variant (a schema NJsonSchema cannot use is reported in the
    /// OpenAPI document), then generates every scenario step for sample tokens and validates it with them.
    /// </summary>
    public void Check(VariantContract variant, Action<string, string> fail)
    {
        var validators = variant.Operations.SelectMany(o => o.Responses.Values.Where(r => r.Body is not null).Select(r => r.BodyValidatorSource)
            .Append(o.RequestBody?.ValidatorSource)).OfType<Lazy<NJsonSchema.JsonSchema?>>();
        // Every validator is compiled (not stopping at the first unusable one), so each broken schema is reported.
        var unusable = validators.Where(v => v.Value is null).ToArray();
        if (unusable.Length > 0)
        {
            return;
        }

        var account = variant.Account;
        for (var i = 0; i < variant.Catalogue.Scenarios.Count; i++)
        {
            var scenario = variant.Catalogue.Scenarios[i];
            var at = JsonPointer.Append("/scenarios", i);
            foreach (var step in scenario.Steps.Distinct())
            {
                var problem = SampleTokens.Select(token => Problem(variant, account, step, token)).FirstOrDefault(p => p is not null);
                if (problem is not null)
                {
                    fail(at, $"scenario '{scenario.Name}' {problem}");
                    break;
                }
            }
        }
    }

    /// <summary>
    /// The examples of a published spec's responses that break their own schema, each reported as a warning: they
    /// are not served (the scenario answers a generated body instead). Keys as <see cref="ExampleKey"/>.
    /// </summary>
    public static IReadOnlyList<string> InvalidExamples(IReadOnlyList<OperationContract> operations, Action<string, string> warn)
    {
        var invalid = new List<string>();
        foreach (var operation in operations.DistinctBy(o => (o.Method, o.DocumentedPath ?? o.Path)))
        {
            foreach (var (status, response) in operation.Responses)
            {
                foreach (var example in response.Examples)
                {
                    var validator = response.BodyValidator;
                    var violations = validator is null ? [] : SchemaValidator.Validate(validator, example.Body);
                    if (violations.Count > 0)
                    {
                        invalid.Add(ExampleKey(operation, status, example.Name));
                        warn(Pointer(operation, status, example.Name.Length == 0 ? "example" : $"examples/{example.Name}"),
                            $"the example breaks its schema ({string.Join("; ", violations.Take(3))}): not served, a generated body answers instead");
                    }
                }
            }
        }

        return invalid;
    }

    /// <summary>How a proof remembers one example of one response: <c>METHOD /path|status|name</c>.</summary>
    public static string ExampleKey(OperationContract operation, int status, string name) =>
        $"{operation.Method} {operation.DocumentedPath ?? operation.Path}|{status.ToString(System.Globalization.CultureInfo.InvariantCulture)}|{name}";

    /// <summary>The JSON pointer of a published operation's response (and something under it) in its spec.</summary>
    public static string Pointer(OperationContract operation, int status, string? under = null)
    {
        var at = JsonPointer.Append(JsonPointer.Append(JsonPointer.Append(JsonPointer.Append("/paths", operation.DocumentedPath ?? operation.Path), operation.Method.ToLowerInvariant()), "responses"), status);
        return under is null ? at : at + "/" + under;
    }

    /// <summary>
    /// Proves a published spec's variant: every operation's every documented response, generated for a sample token
    /// (and its examples as written), and every catalogue scenario for the operations it answers, validated by NJsonSchema.
    /// </summary>
    public void CheckPublished(VariantContract variant, Action<string, string> fail, Action<string, string> failCatalogue)
    {
        var validators = variant.Operations.SelectMany(o => o.Responses.Values.Where(r => r.Body is not null).Select(r => r.BodyValidatorSource)
            .Append(o.Fallback?.BodyValidatorSource).Append(o.RequestBody?.ValidatorSource)).OfType<Lazy<NJsonSchema.JsonSchema?>>();
        if (validators.Where(v => v.Value is null).ToArray().Length > 0)
        {
            return;
        }

        // A schema no value keeps is an error where it is written, whichever branch a sample body happens to take.
        var seen = new HashSet<SchemaNode>(ReferenceEqualityComparer.Instance);
        var said = new HashSet<(string, string)>();
        foreach (var body in variant.Operations.SelectMany(o => o.Responses.Values).Select(r => r.Body).OfType<SchemaNode>())
        {
            foreach (var impossible in Impossible(body, seen).Where(n => said.Add((n.Source, n.Impossible!))))
            {
                fail(impossible.Source, $"no value keeps this schema: {impossible.Impossible}");
            }
        }

        var token = SampleTokens[0];
        foreach (var operation in variant.Operations.DistinctBy(o => (o.Method, o.DocumentedPath ?? o.Path)))
        {
            foreach (var (status, response) in operation.Responses)
            {
                var steps = new List<Scenarios.ResponseStep> { Scenarios.ResponseStep.Plain(status) with { Generated = true } };
                steps.AddRange(response.Examples.Select(e => Scenarios.ResponseStep.Plain(status) with { Example = e.Name }));
                steps.Add(Scenarios.ResponseStep.Plain(status));
                foreach (var step in steps)
                {
                    if (Problem(variant, operation, step, token) is { } problem)
                    {
                        fail(Pointer(operation, status), $"{operation.Display}: {problem}");
                        break;
                    }
                }
            }
        }

        for (var i = 0; i < variant.Catalogue.Scenarios.Count; i++)
        {
            var scenario = variant.Catalogue.Scenarios[i];
            if (scenario.Derived)
            {
                continue;
            }

            foreach (var step in scenario.Steps.Distinct())
            {
                var answering = variant.Operations.Where(o => (scenario.Operation is null || o.Display == scenario.Operation) && o.Responses.ContainsKey(step.Status));
                var problem = answering.Select(o => Problem(variant, o, step, token) is { } p ? $"{o.Display}: {p}" : null).FirstOrDefault(p => p is not null);
                if (problem is not null)
                {
                    failCatalogue(JsonPointer.Append("/scenarios", i), $"scenario '{scenario.Name}' {problem}");
                    break;
                }
            }
        }
    }

    /// <summary>The schemas under <paramref name="node"/> (not yet <paramref name="seen"/>) that no value keeps.</summary>
    private static IEnumerable<SchemaNode> Impossible(SchemaNode node, HashSet<SchemaNode> seen)
    {
        var pending = new Stack<SchemaNode>([node]);
        while (pending.TryPop(out var next))
        {
            if (!seen.Add(next))
            {
                continue;
            }

            if (next.Impossible is not null)
            {
                yield return next;
            }

            foreach (var child in next.PropertyNames.Select(next.Property).Append(next.Items).Append(next.AdditionalProperties).Concat(next.Alternatives ?? []))
            {
                if (child is not null)
                {
                    pending.Push(child);
                }
            }
        }
    }

    private string? Problem(VariantContract variant, OperationContract account, Scenarios.ResponseStep step, string token)
    {
        try
        {
            var response = _factory.Produce(variant, account, step, token);
            var violations = ResponseValidator.Validate(account, response.Status, response.Headers, response.Body, independently: true);
            return violations.Count == 0
                ? null
                : $"produces an invalid {step.Status} response (token '{token}'): {string.Join("; ", violations)}";
        }
        catch (HintException e)
        {
            return $"cannot be generated: {e.Message}";
        }
    }
}
