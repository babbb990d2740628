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
