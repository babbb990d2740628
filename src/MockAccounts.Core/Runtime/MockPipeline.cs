using System.Text.Json;
using System.Text.Json.Nodes;
using MockAccounts.Core.Contracts;
using MockAccounts.Core.Generation;
using MockAccounts.Core.Responses;
using MockAccounts.Core.Scenarios;
using MockAccounts.Core.Validation;

namespace MockAccounts.Core.Runtime;

/// <summary>
/// One request, top to bottom: route → authenticate → pick scenario → generate → validate.
/// Writing (delays, faults, bytes) is the host's job.
/// </summary>
public sealed class MockPipeline
{
    private const string AnonymousToken = "";

    private static readonly int[] RefusalStatuses = [422, 400];

    private readonly ContractStore _contracts;
    private readonly MockState _state;
    private readonly ValidationMode _validation;
    private readonly ResponseCache _cache;

    public MockPipeline(ContractStore contracts, MockState state, ValidationMode validation, ResponseCache? cache = null)
    {
        _contracts = contracts;
        _state = state;
        _validation = validation;
        _cache = cache ?? new ResponseCache();
    }

    public PipelineResult Handle(MockRequest request)
    {
        var engine = _contracts.Current;
        var method = string.Equals(request.Method, "HEAD", StringComparison.OrdinalIgnoreCase) ? ContractSet.HeadAnswersAs : request.Method;
        var match = engine.Contracts.Match(method, request.Path);
        var variant = match is null ? null : VariantOf(match.Vendor);
        var operation = variant?.FindOperation(method, match!.Template);
        if (operation is null)
        {
            return engine.Contracts.MethodsAt(request.Path) is { Count: > 0 } allowed ? new MethodNotAllowed(allowed) : new NotMatched();
        }

        var catalogue = variant!.Catalogue;
        var credentials = CredentialChecker.Check(operation, request.Header);
        if (!credentials.IsValid)
        {
            var refusal = catalogue.MissingCredentials;
            return Serve(engine, variant, operation, null, refusal.Name, ScenarioSource.MissingCredentials, refusal.Steps[0]);
        }

        var token = credentials.Token!;
        var (scenario, source, rejected) = Select(request, variant, token);
        if (scenario is null)
        {
            return rejected!;
        }

        var step = scenario.IsSequence ? scenario.StepAt(_state.NextIndex(variant.Vendor, token, scenario.Name)) : scenario.Steps[0];
        if (operation.Role == OperationRole.Action && !(step.Status is < 200 or >= 300 && operation.Responses.ContainsKey(step.Status)))
        {
            step = Act(operation, variant, token, step, request.Body);
        }

        return Serve(engine, variant, operation, token, scenario.Name, source, step);
    }

    /// <summary>The scenario a token is in right now (binding, else vendor state, else default).</summary>
    public Scenario ScenarioFor(VariantContract variant, string token) => Standing(variant, token).Scenario;

    /// <summary>The vendor's current scenario: the one set through the admin API, else the catalogue default.</summary>
    public Scenario VendorScenarioOf(VariantContract variant) =>
        Find(variant.Catalogue, _state.VendorScenario(variant.Vendor)) ?? variant.Catalogue.Default;

    public VariantContract VariantOf(VendorContract vendor) =>
        vendor.Variants.GetValueOrDefault(_state.VendorVariant(vendor.Name) ?? "") ?? vendor.Documented;

    private (Scenario? Scenario, ScenarioSource Source, Rejected? Rejected) Select(MockRequest request, VariantContract variant, string token)
    {
        var (catalogue, vendor) = (variant.Catalogue, variant.Vendor);
        var scenarios = $"scenarios: {string.Join(", ", catalogue.Names)}";
        var statuses = $"statuses: {string.Join(", ", catalogue.Scenarios.Where(s => !s.IsSequence).Select(s => s.Status).Distinct().Order())}";
        var (asked, invalid) = ScenarioRequest.From(request.Header);
        if (invalid is not null)
        {
            return (null, ScenarioSource.RequestHeader, new Rejected(vendor, "Invalid scenario request", invalid.Subject switch
            {
                ScenarioRequestProblem.About.Scenario => $"{invalid.Message}; '{vendor}' has {scenarios}",
                ScenarioRequestProblem.About.Status => $"{invalid.Message}; '{vendor}' has {statuses}",
                _ => invalid.Message,
            }));
        }

        if (asked is not null)
        {
            var chosen = asked.Name is not null ? catalogue.Find(asked.Name) : catalogue.FindByStatus(asked.Status!.Value);
            return chosen is not null
                ? (chosen, ScenarioSource.RequestHeader, null)
                : (null, ScenarioSource.RequestHeader, new Rejected(vendor, "Unknown scenario", asked.Name is not null
                    ? $"'{vendor}' has no scenario '{EchoedInput.Cut(asked.Name)}' ({scenarios})"
                    : $"'{vendor}' has no scenario answering {asked.Status} ({statuses})"));
        }

        var (standing, source) = Standing(variant, token);
        return (standing, source, null);
    }

    private (Scenario Scenario, ScenarioSource Source) Standing(VariantContract variant, string token)
    {
        if (Find(variant.Catalogue, _state.Binding(variant.Vendor, token)) is { } bound)
        {
            return (bound, ScenarioSource.TokenBinding);
        }

        return Find(variant.Catalogue, _state.VendorScenario(variant.Vendor)) is { } current
            ? (current, ScenarioSource.VendorState)
            : (variant.Catalogue.Default, ScenarioSource.CatalogueDefault);
    }

    /// <summary>A follow-up call: validate its body, change the token's account, and say what to answer.</summary>
    private ResponseStep Act(OperationContract operation, VariantContract variant, string token, ResponseStep scenarioStep, ReadOnlyMemory<byte> body)
    {
        var action = operation.Action!;
        JsonNode? parsed = null;
        if (operation.RequestBody is { } contract && (contract.Required || body.Length > 0))
        {
            var invalid = TryParse(body, out parsed) ? ResponseValidator.ValidateBody(contract.Validator, parsed) : [new Violation("", "a JSON body", "unparseable JSON")];
            if (invalid.Count > 0)
            {
                return RefusalFor(operation, variant.Catalogue) ?? new ResponseStep(400, null, new Dictionary<string, string>(), null, null, 1);
            }
        }

        foreach (var (pointer, value) in action.Set)
        {
            _state.EditAccount(variant.Vendor, token, OverrideNode.At(pointer, value));
        }

        if (action.MergeBodyAt is { } at && parsed is JsonObject fields)
        {
            foreach (var (name, value) in fields)
            {
                _state.EditAccount(variant.Vendor, token, OverrideNode.At(Loading.JsonPointer.Append(at, name), value));
            }
        }

        var keep = scenarioStep.Status is >= 200 and < 300 ? scenarioStep.Overrides : null;
        return new ResponseStep(action.Status, action.RespondWithAccount ? keep : null, new Dictionary<string, string>(), scenarioStep.Delay, null, 1);
    }

    /// <summary>The vendor's own answer to an invalid body: its 422 or 400 scenario, if it documents one.</summary>
    private static ResponseStep? RefusalFor(OperationContract operation, ScenarioCatalogue catalogue) =>
        RefusalStatuses
            .Where(operation.Responses.ContainsKey)
            .Select(catalogue.FindByStatus)
            .FirstOrDefault(s => s is not null)?.Steps[0];

    private Served Serve(MockEngine engine, VariantContract variant, OperationContract operation, string? token, string scenario, ScenarioSource source, ResponseStep step)
    {
        var account = token is null ? null : _state.Account(variant.Vendor, token);
        var validate = _validation != ValidationMode.Off && step.Fault is not (FaultKind.MalformedJson or FaultKind.EmptyResponse);
        var key = token ?? AnonymousToken;
        if (!_cache.TryGet(engine, operation, step, key, account, out var cached))
        {
            var produced = engine.Responses.Produce(variant, operation, step, key, account);
            cached = _cache.Add(engine, operation, step, key, account, new ResponseCache.Entry(produced, validate ? MockEngine.Validate(operation, produced) : []));
        }

        var response = cached.Response;
        IReadOnlyList<Violation> violations = [];
        if (validate)
        {
            violations = cached.Violations;
            if (violations.Count > 0)
            {
                response = _validation == ValidationMode.Strict
                    ? ViolationResponse.For(operation, violations)
                    : response with { Headers = [.. response.Headers, new(ViolationResponse.Header, ViolationResponse.HeaderValue(violations))] };
            }
        }

        return new Served(variant.Vendor, variant.Name, operation, token, scenario, source, response, step.Delay, step.Fault, violations);
    }

    private static Scenario? Find(ScenarioCatalogue catalogue, string? name) => name is null ? null : catalogue.Find(name);

    private static bool TryParse(ReadOnlyMemory<byte> body, out JsonNode? parsed)
    {
        try
        {
            parsed = JsonNode.Parse(body.Span);
            return true;
        }
        catch (JsonException)
        {
            parsed = null;
            return false;
        }
    }
}
