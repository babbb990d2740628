using System.Text.Json;
using System.Text.Json.Nodes;
using MockAccounts.Core.Contracts;
using MockAccounts.Core.Generation;
using MockAccounts.Core.Http;
using MockAccounts.Core.Mappings;
using MockAccounts.Core.Responses;
using MockAccounts.Core.Routing;
using MockAccounts.Core.Scenarios;
using MockAccounts.Core.Validation;

namespace MockAccounts.Core.Runtime;

/// <summary>
/// One request, top to bottom: stub mapping (a team's explicit override, still validated) → route →
/// authenticate → pick scenario → generate → validate. Writing (delays, faults, bytes) is the host's job.
/// </summary>
public sealed class MockPipeline
{
    private const string AnonymousToken = "";

    private static readonly int[] MalformedStatuses = [400, 422];
    private static readonly int[] InvalidStatuses = [422, 400];
    private static readonly string[] VariationNames = Enum.GetNames<Variation>().Select(n => n.ToLowerInvariant()).ToArray();

    private readonly ContractStore _contracts;
    private readonly MockState _state;
    private readonly ValidationMode _validation;
    private readonly ResponseCache _cache;
    private readonly ServingDefaults _defaults;
    private readonly System.Runtime.CompilerServices.ConditionalWeakTable<ResponseStep, ResponseStep> _generatedSteps = [];

    /// <summary>A pipeline serving <paramref name="contracts"/> with <paramref name="state"/>.</summary>
    /// <param name="contracts">The contracts served (reloads take effect at once).</param>
    /// <param name="state">Scenarios, bindings and account edits set through the admin API.</param>
    /// <param name="validation">What to do with a response that breaks its contract.</param>
    /// <param name="cache">Reuses generated responses; null to generate every time.</param>
    /// <param name="defaults">Server-wide variation and variants; null for <see cref="ServingDefaults.Standard"/>.</param>
    /// <param name="time">The clock of templates and stub delays; null for the system clock.</param>
    public MockPipeline(ContractStore contracts, MockState state, ValidationMode validation, ResponseCache? cache = null, ServingDefaults? defaults = null, TimeProvider? time = null)
    {
        _contracts = contracts;
        _state = state;
        _validation = validation;
        _cache = cache ?? new ResponseCache();
        _defaults = defaults ?? ServingDefaults.Standard;
        Time = time ?? TimeProvider.System;
        Stubs = new StubMappingStore(() => _contracts.Current.StubMappings);
        Writer = new StateWriter(state, this, contracts);
    }

    /// <summary>Where every change to the state goes: applied at once, or through the store replicas share.</summary>
    public StateWriter Writer { get; }

    /// <summary>The server-wide choices used when neither request, token nor vendor makes one.</summary>
    public ServingDefaults Defaults => _defaults;

    /// <summary>What happens to a response that breaks its contract.</summary>
    public ValidationMode Validation => _validation;

    /// <summary>The WireMock stub mappings tried before the contracts.</summary>
    public StubMappingStore Stubs { get; }

    /// <summary>The clock of templates and stub delays.</summary>
    public TimeProvider Time { get; }

    /// <summary>Answers one request whose state is this process's own: what to send, or why not to.</summary>
    /// <param name="request">The incoming call.</param>
    /// <exception cref="OperationCanceledException">The client went away while stub mappings were matched.</exception>
    /// <exception cref="InvalidOperationException">The state is shared (<see cref="StateWriter.Shared"/>): use <see cref="HandleAsync"/>.</exception>
    public PipelineResult Handle(MockRequest request)
    {
        // Unshared, nothing below waits: the task is complete when it returns.
        var handled = HandleAsync(request);
        return handled.IsCompleted
            ? handled.GetAwaiter().GetResult()
            : throw new InvalidOperationException("The state is shared between replicas: a request that counts or changes it waits for the store; call HandleAsync.");
    }

    /// <summary>
    /// Answers one request: what to send, or why not to. Unshared state completes at once; shared, a request waits for the
    /// store only to claim a sequence's step or a varying body's number (one atomic operation each), or to share a change
    /// it makes (an action's account edit, a stub scenario's move) with every replica before it is answered.
    /// </summary>
    /// <param name="request">The incoming call.</param>
    /// <exception cref="OperationCanceledException">The client went away while stub mappings were matched.</exception>
    public async ValueTask<PipelineResult> HandleAsync(MockRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var snapshot = _contracts.Current;
        if (!Stubs.IsEmpty)
        {
            var view = new RequestView(request);
            StubMapping? stub;
            try
            {
                stub = Stubs.Match(view, new MatchBudget(_defaults.MatchBudget, _defaults.MatchBudgetSetting, Time, request.Aborted));
            }
            catch (MatchBudgetSpentException e)
            {
                return BudgetSpent(snapshot, request, e.Budget);
            }

            if (stub is not null)
            {
                var answered = ServeStub(snapshot, stub, view);
                if (answered is StubServed && stub is { ScenarioName: { } moved, NewScenarioState: { } next })
                {
                    await WriteFromRequestAsync(StateChange.StubScenarioState(moved, next), request.Aborted).ConfigureAwait(false);
                }

                return answered;
            }
        }

        var method = string.Equals(request.Method, "HEAD", StringComparison.OrdinalIgnoreCase) ? ContractSet.HeadAnswersAs : request.Method;
        var match = snapshot.Contracts.Match(method, request.Path);
        if (match is null)
        {
            return NoOperation(snapshot, request.Path);
        }

        var askedVariant = ScenarioRequest.Preference(request.Header, ScenarioRequest.VariantPreference);
        if (askedVariant is not null && !match.Vendor.Variants.ContainsKey(askedVariant))
        {
            var variants = match.Vendor.Variants.Keys;
            return new Rejected(match.Vendor.Name, new Problem(400, "Unknown variant",
                $"'{match.Vendor.Name}' has no variant '{EchoedInput.Cut(askedVariant)}' (variants: {string.Join(", ", variants)}).{ClosestName.DidYouMean(askedVariant, variants)}").With("variants", variants));
        }

        var variant = askedVariant is null ? VariantOf(match.Vendor) : match.Vendor.Variants[askedVariant];
        var operation = variant.FindOperation(method, match.Template);
        if (operation is null)
        {
            return NoOperation(snapshot, request.Path);
        }

        var credentials = CredentialChecker.Check(operation, request, _defaults.CheckCredentialFormats);
        if (credentials.IsValid && askedVariant is null && _state.TokenVariant(variant.Vendor, credentials.Token!) is { } bound
            && bound != variant.Name && match.Vendor.Variants.GetValueOrDefault(bound) is { } tokenVariant)
        {
            // The token's own variant decides how its credentials read, too (a case-sensitive scheme).
            variant = tokenVariant;
            operation = variant.FindOperation(method, match.Template);
            if (operation is null)
            {
                return NoOperation(snapshot, request.Path);
            }

            credentials = CredentialChecker.Check(operation, request, _defaults.CheckCredentialFormats);
        }

        var catalogue = variant.Catalogue;
        var published = variant.Format == ContractFormat.Published;
        if (!credentials.IsValid)
        {
            var refusal = credentials.Malformed ? catalogue.MalformedCredentials : catalogue.MissingCredentials;
            if (refusal is null || (published && !operation.Answers(refusal)))
            {
                // The spec documents no 401 body for this operation: the refusal is ours, a problem saying why.
                return new Rejected(variant.Vendor, new Problem(401, "Unauthorized", $"{credentials.Problem}: {operation.Display} needs credentials (its contract documents no 401 response)"));
            }

            return Serve(snapshot, variant, operation, null, refusal.Name, ScenarioSource.MissingCredentials, refusal.Steps[0], Variation.Realistic,
                await NumberFor(variant.Vendor, AnonymousToken, operation, refusal.Steps[0], Variation.Realistic).ConfigureAwait(false));
        }

        var token = credentials.Token!;
        var (scenario, source, rejected) = Select(request, variant, operation, token);
        if (scenario is null)
        {
            return rejected!;
        }

        var (variation, unknownVariation) = VariationFor(request, variant.Vendor, token);
        if (unknownVariation is not null)
        {
            return new Rejected(variant.Vendor, new Problem(400, "Unknown variation", unknownVariation));
        }

        var step = scenario.IsSequence ? scenario.StepAt(await NextIndex(variant.Vendor, token, scenario).ConfigureAwait(false)) : scenario.Steps[0];
        if (published)
        {
            var (dynamic, refused) = DynamicFor(request, variant.Vendor);
            if (refused is not null)
            {
                return refused;
            }

            step = Generated(operation.StepFor(scenario, step), dynamic);
            if (PublishedRequest.Refusal(operation, request) is { } invalid)
            {
                // The vendor's own documented 400 (malformed) or 422 (invalid), else a problem saying what is wrong.
                var refusal = Refusal(operation, catalogue, invalid.Malformed, invalid.Violations, published: true);
                if (refusal is null)
                {
                    return new Rejected(variant.Vendor, new Problem(invalid.Malformed ? 400 : 422, "The request breaks the contract", invalid.Message).With("violations", invalid.Violations.DeepClone()));
                }

                step = Generated(refusal, step.Generated);
            }
        }

        if (operation.Role == OperationRole.Action && !(!HttpStatus.IsSuccess(step.Status) && operation.Responses.ContainsKey(step.Status)))
        {
            step = await ActAsync(operation, variant, token, step, request).ConfigureAwait(false);
        }

        return Serve(snapshot, variant, operation, token, scenario.Name, source, step, variation,
            await NumberFor(variant.Vendor, token, operation, step, variation).ConfigureAwait(false));
    }

    /// <summary>
    /// The token's next position in a sequence: counted here, or, shared, once across every replica; once the shared count
    /// is known to have passed the last step, no longer counted at all (every further request gets that step, so the
    /// request makes no round trip).
    /// </summary>
    private ValueTask<long> NextIndex(string vendor, string token, Scenario scenario)
    {
        if (Writer.Shared is not { } shared)
        {
            return new(_state.NextIndex(vendor, token, scenario.Name));
        }

        var counter = _state.SequenceCounter(vendor, token, scenario.Name);
        return _state.SharedSequenceEnded(counter)
            ? new(scenario.LastIndex)
            : Counted(shared, counter, () => _state.NextIndex(vendor, token, scenario.Name), scenario.LastIndex);
    }

    /// <summary>The number a varying body draws (claimed), or -1 when the response is the same every time (cached).</summary>
    private ValueTask<long> NumberFor(string vendor, string token, OperationContract operation, ResponseStep step, Variation variation)
    {
        if (variation != Variation.Edges && !operation.ResponseFor(step.Status)!.VariesPerRequest)
        {
            return new(-1);
        }

        if (Writer.Shared is not { } shared)
        {
            return new(_state.NextRequestNumber(vendor, token));
        }

        return Counted(shared, _state.RequestNumberCounter(vendor, token), () => _state.NextRequestNumber(vendor, token));
    }

    /// <summary>
    /// Claims a shared count; while the store cannot be reached, counts on this replica alone (and says so). A sequence's
    /// count claimed at or past <paramref name="lastIndex"/> is remembered as ended.
    /// </summary>
    private async ValueTask<long> Counted(ISharedState shared, SharedCounter counter, Func<long> local, long lastIndex = long.MaxValue)
    {
        try
        {
            var index = await shared.NextAsync(counter).ConfigureAwait(false);
            if (index >= lastIndex)
            {
                _state.EndSharedSequence(counter);
            }

            return index;
        }
        catch (SharedStateUnavailableException)
        {
            Writer.CountedAlone();
            return local();
        }
    }

    /// <summary>
    /// A change a vendor request makes (an action's edit, a stub scenario's move): shared with every replica before the
    /// request is answered; while the store cannot be reached, made on this replica alone (and said so: it is undone
    /// when the replica next loads the shared state), so the request is still answered.
    /// </summary>
    private async ValueTask WriteFromRequestAsync(StateChange change, CancellationToken aborted)
    {
        try
        {
            await Writer.WriteAsync(change, aborted).ConfigureAwait(false);
        }
        catch (SharedStateUnavailableException)
        {
            Writer.ChangedAlone();
            Writer.Apply(change, Writer.Version);
        }
    }

    /// <summary>Matching ran out of time: no mapping can be chosen, and falling through to the contracts would be a guess.</summary>
    private static Failed BudgetSpent(ContractSnapshot snapshot, MockRequest request, MatchBudget budget) =>
        new(snapshot.Contracts.Match(request.Method, request.Path)?.Vendor.Name, new Problem(500, "Matching budget spent",
            $"Matching {EchoedInput.Cut(request.Method)} {EchoedInput.Cut(request.Path)} against the stub mappings took longer than {budget.Setting} " +
            $"({budget.Allowance.TotalMilliseconds:0.###} ms) allows, so no mapping was chosen. A mapping's regular expression or JSONPath is too slow " +
            "for this request: simplify it, or raise the setting.")
            .With("setting", budget.Setting).With("budgetMilliseconds", budget.Allowance.TotalMilliseconds));

    /// <summary>No operation answers: 405 when the path has other documented methods, else not matched.</summary>
    private static PipelineResult NoOperation(ContractSnapshot snapshot, string path) =>
        snapshot.Contracts.MethodsAt(path) is { Count: > 0 } methods ? new MethodNotAllowed(methods) : new NotMatched();

    /// <summary>The variation a token's requests get: the token's, else the vendor's, else the server's.</summary>
    public Variation VariationOf(string vendor, string token) =>
        _state.TokenVariation(vendor, token) ?? _state.VendorVariation(vendor) ?? _defaults.Variation;

    /// <summary>The variation of the vendor's tokens that have none of their own.</summary>
    public Variation VendorVariationOf(string vendor) => _state.VendorVariation(vendor) ?? _defaults.Variation;

    /// <summary>The variant a token is served: its own, else the vendor's.</summary>
    public VariantContract VariantOf(VendorContract vendor, string token) =>
        _state.TokenVariant(vendor.Name, token) is { } bound && vendor.Variants.GetValueOrDefault(bound) is { } variant ? variant : VariantOf(vendor);

    /// <summary>The operation a mapping's fixed path answers, checked against the variant being served; problems name it.</summary>
    public IReadOnlyList<string> CheckStub(StubMapping mapping) => StubContractCheck.Check(_contracts.Current.Contracts, mapping, VariantOf);

    /// <summary>The scenario a token is in right now (binding, else vendor state, else default).</summary>
    public Scenario ScenarioFor(VariantContract variant, string token) => Standing(variant, token).Scenario;

    /// <summary>The vendor's current scenario: the one set through the admin API, else the catalogue default.</summary>
    public Scenario VendorScenarioOf(VariantContract variant) =>
        Find(variant.Catalogue, _state.VendorScenario(variant.Vendor)) ?? variant.Catalogue.Default;

    /// <summary>The vendor's variant: set through the admin API, else chosen at start-up, else the documented one.</summary>
    public VariantContract VariantOf(VendorContract vendor) =>
        vendor.Variants.GetValueOrDefault(_state.VendorVariant(vendor.Name) ?? _defaults.Variants.GetValueOrDefault(vendor.Name) ?? "") ?? vendor.Documented;

    private (Variation Variation, string? Problem) VariationFor(MockRequest request, string vendor, string token)
    {
        var asked = ScenarioRequest.Preference(request.Header, ScenarioRequest.VariationPreference);
        if (asked is null)
        {
            return (VariationOf(vendor, token), null);
        }

        return Enum.TryParse<Variation>(asked, ignoreCase: true, out var variation) && Enum.IsDefined(variation) && !asked.Any(char.IsDigit)
            ? (variation, null)
            : (Variation.Realistic, $"'{EchoedInput.Cut(asked)}' is not a variation (variations: {string.Join(", ", VariationNames)}).{ClosestName.DidYouMean(asked, VariationNames)}");
    }

    /// <summary>The step with its body generated from the schema, one instance per step (the response cache keys by identity).</summary>
    private ResponseStep Generated(ResponseStep step, bool generated) =>
        step.Generated == generated ? step : generated ? _generatedSteps.GetValue(step, s => s with { Generated = true }) : step;

    /// <summary>Generated bodies or examples: the request's <c>Prefer: dynamic=</c>, else the server's setting.</summary>
    private (bool Dynamic, Rejected? Refused) DynamicFor(MockRequest request, string vendor)
    {
        var asked = ScenarioRequest.Preference(request.Header, ScenarioRequest.DynamicPreference);
        return asked switch
        {
            null => (_defaults.Dynamic, null),
            "true" => (true, null),
            "false" => (false, null),
            _ => (false, new Rejected(vendor, new Problem(400, "Invalid scenario request", $"Prefer: dynamic={EchoedInput.Cut(asked)} is not a choice (expected dynamic=true or dynamic=false)"))),
        };
    }

    private (Scenario? Scenario, ScenarioSource Source, Rejected? Rejected) Select(MockRequest request, VariantContract variant, OperationContract operation, string token)
    {
        var (catalogue, vendor) = (variant.Catalogue, variant.Vendor);
        var (asked, invalid) = ScenarioRequest.From(request.Header);
        if (invalid is not null)
        {
            return (null, ScenarioSource.RequestHeader, new Rejected(vendor, new Problem(400, "Invalid scenario request", invalid.Subject switch
            {
                ScenarioRequestProblem.About.Scenario => $"{invalid.Message}; '{vendor}' has {Scenarios()}",
                ScenarioRequestProblem.About.Status => $"{invalid.Message}; '{vendor}' has {Statuses()}",
                _ => invalid.Message,
            })));
        }

        if (asked is not null && variant.Format == ContractFormat.Published)
        {
            return SelectPublished(asked, variant, operation);
        }

        if (asked is { Name: null, Status: null })
        {
            return (null, ScenarioSource.RequestHeader, new Rejected(vendor, new Problem(400, "Unknown example", $"'{vendor}' has no examples: Prefer: example= picks a published spec's named examples")));
        }

        if (asked is not null)
        {
            var chosen = asked.Name is not null ? catalogue.Find(asked.Name) : catalogue.FindByStatus(asked.Status!.Value);
            return chosen is not null
                ? (chosen, ScenarioSource.RequestHeader, null)
                : (null, ScenarioSource.RequestHeader, new Rejected(vendor, new Problem(400, "Unknown scenario", asked.Name is not null
                    ? $"'{vendor}' has no scenario '{EchoedInput.Cut(asked.Name)}' ({Scenarios()}).{ClosestName.DidYouMean(asked.Name, catalogue.Names)}"
                    : $"'{vendor}' has no scenario answering {asked.Status} ({Statuses()}).").With("scenarios", catalogue.Names)));
        }

        var (standing, source) = Standing(variant, token);
        return (standing, source, null);

        // Only refusals list the choices; a request that is served never builds these.
        string Scenarios() => $"scenarios: {string.Join(", ", catalogue.Names)}";
        string Statuses() => $"statuses: {string.Join(", ", catalogue.Scenarios.Where(s => !s.IsSequence).Select(s => s.Status).Distinct().Order())}";
    }

    /// <summary>
    /// A published spec's request that asks for itself: a scenario by name, a status (<c>code=</c>), a named example
    /// (<c>example=</c>, with or without a status), each of which the operation reached must answer.
    /// </summary>
    private static (Scenario? Scenario, ScenarioSource Source, Rejected? Rejected) SelectPublished(ScenarioRequest asked, VariantContract variant, OperationContract operation)
    {
        var catalogue = variant.Catalogue;
        Scenario? chosen;
        if (asked.Name is not null)
        {
            chosen = catalogue.Find(asked.Name);
            if (chosen is null)
            {
                return Refuse("Unknown scenario", $"'{variant.Vendor}' has no scenario '{EchoedInput.Cut(asked.Name)}' (scenarios of {operation.Display}: {Answered()})");
            }

            return operation.Answers(chosen) ? (chosen, ScenarioSource.RequestHeader, null)
                : Refuse("Unknown scenario", $"{operation.Display} does not answer scenario '{chosen.Name}' (its scenarios: {Answered()})");
        }

        var statuses = asked.Status is { } status ? [status]
            : operation.Responses.Keys.Order().Where(s => s == operation.DefaultStatus).Concat(operation.Responses.Keys.Order()).Distinct();
        chosen = statuses.Select(s => catalogue.FindFor(s, asked.Example, operation.Display)).FirstOrDefault(s => s is not null && operation.Answers(s));
        if (chosen is not null)
        {
            return (chosen, ScenarioSource.RequestHeader, null);
        }

        var examples = operation.Responses.SelectMany(r => r.Value.Examples.Where(e => e.Name.Length > 0).Select(e => $"{r.Key} {e.Name}")).ToArray();
        return asked.Example is not null
            ? Refuse("Unknown example", $"{operation.Display} has no {(asked.Status is { } code ? $"{code} " : "")}example '{EchoedInput.Cut(asked.Example)}' (its named examples: {(examples.Length == 0 ? "none" : string.Join(", ", examples))})")
            : Refuse("Unknown scenario", $"{operation.Display} documents no {asked.Status} response (statuses: {string.Join(", ", operation.Responses.Keys.Order())})");

        string Answered() => string.Join(", ", catalogue.Scenarios.Where(operation.Answers).Select(s => s.Name));
        (Scenario?, ScenarioSource, Rejected?) Refuse(string title, string detail) =>
            (null, ScenarioSource.RequestHeader, new Rejected(variant.Vendor, new Problem(400, title, detail).With("scenarios", catalogue.Scenarios.Where(operation.Answers).Select(s => s.Name))));
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
    private async ValueTask<ResponseStep> ActAsync(OperationContract operation, VariantContract variant, string token, ResponseStep scenarioStep, MockRequest request)
    {
        var body = request.Body;
        var action = operation.Action!;
        JsonNode? parsed = null;
        if (operation.RequestBody is { } contract && (contract.Required || body.Length > 0))
        {
            if (!TryParse(body, out parsed))
            {
                return Refusal(operation, variant.Catalogue, malformed: true, FieldViolations.NotJson());
            }

            var invalid = contract.BodyCheck?.Accepts(body.Span) == true ? [] : SchemaValidator.Validate(contract.Validator, parsed);
            if (invalid.Count > 0)
            {
                return Refusal(operation, variant.Catalogue, malformed: false, FieldViolations.ByField(invalid));
            }
        }

        var edits = action.Set.Select(set => OverrideNode.At(set.Key, set.Value)).ToList();
        if (action.MergeBodyAt is { } at && parsed is JsonObject fields)
        {
            edits.AddRange(fields.Select(field => OverrideNode.At(Json.JsonPointer.Append(at, field.Key), field.Value)));
        }

        if (edits.Count > 0)
        {
            await WriteFromRequestAsync(StateChange.AccountEdit(variant.Vendor, token, edits), request.Aborted).ConfigureAwait(false);
        }

        var keep = HttpStatus.IsSuccess(scenarioStep.Status) ? scenarioStep.Overrides : null;
        return ResponseStep.Plain(action.Status, action.RespondWithAccount ? keep : null, scenarioStep.Delay);
    }

    /// <summary>
    /// The vendor's own answer to a body it refuses: the catalogue's named scenario, else its documented 400
    /// (for a body that is not JSON) or 422 (for one that breaks the schema), with the actual violations where
    /// the catalogue says they go.
    /// </summary>
    private static ResponseStep Refusal(OperationContract operation, ScenarioCatalogue catalogue, bool malformed, JsonObject violations) =>
        Refusal(operation, catalogue, malformed, violations, published: false)!;

    /// <summary>The refusal step; for a published spec null when the operation documents neither a 400 nor a 422 (a problem answers).</summary>
    private static ResponseStep? Refusal(OperationContract operation, ScenarioCatalogue catalogue, bool malformed, JsonObject violations, bool published)
    {
        var rules = catalogue.BodyRefusal;
        var named = (malformed ? rules.Malformed : rules.Invalid) is { } name ? catalogue.Find(name) : null;
        var found = named?.Steps[0]
            ?? (malformed ? MalformedStatuses : InvalidStatuses).Where(operation.Responses.ContainsKey)
                .Select(status => published ? catalogue.FindFor(status, null, operation.Display) : catalogue.FindByStatus(status)).FirstOrDefault(s => s is not null)?.Steps[0];
        if (found is null && published)
        {
            return null;
        }

        var step = found ?? ResponseStep.Plain(400);
        return rules.ViolationsAt is { } at ? step with { Overrides = OverrideNode.Layer(step.Overrides, OverrideNode.At(at, violations)) } : step;
    }

    /// <summary>The response for the step (cached unless it varies), validated; <paramref name="number"/> is the varying body's claimed number, or -1 for one that is the same every time.</summary>
    private Served Serve(ContractSnapshot snapshot, VariantContract variant, OperationContract operation, string? token, string scenario, ScenarioSource source, ResponseStep step, Variation variation, long number)
    {
        var account = token is null ? null : _state.Account(variant.Vendor, token);
        var validate = _validation != ValidationMode.Off && step.Fault is not (FaultKind.MalformedJson or FaultKind.EmptyResponse);
        var key = token ?? AnonymousToken;
        ResponseCache.Entry? cached;
        if (number >= 0)
        {
            // Unique per request: caching it would only evict the responses worth keeping.
            var draw = new RequestDraw(number, variation);
            var produced = snapshot.Responses.Produce(variant, operation, step, key, account, draw);
            cached = new ResponseCache.Entry(produced, validate ? ResponseValidator.Validate(operation, produced) : []);
        }
        else if (!_cache.TryGet(snapshot, operation, step, key, account, out cached))
        {
            var produced = snapshot.Responses.Produce(variant, operation, step, key, account);
            cached = _cache.Add(snapshot, operation, step, key, account, new ResponseCache.Entry(produced, validate ? ResponseValidator.Validate(operation, produced) : []));
        }

        var violations = validate ? cached.Violations : [];
        var response = Enforce(operation, cached.Response, violations);
        return new Served(variant.Vendor, variant.Name, token, scenario, source, response, step.Delay, step.Fault, violations) { Variation = variation };
    }

    /// <summary>A stub's response; when its request is a vendor operation, validated against that operation's contract.</summary>
    private PipelineResult ServeStub(ContractSnapshot snapshot, StubMapping stub, RequestView request)
    {
        MockResponse response;
        try
        {
            response = stub.Response.Render(request, Time, _defaults.Templates, request.Request.Aborted);
        }
        catch (TemplateLimitException e)
        {
            return new Failed(snapshot.Contracts.Match(request.Method, request.Path)?.Vendor.Name, new Problem(500, "Response template failed",
                $"Stub mapping {stub.Id} could not answer {EchoedInput.Cut(request.Method)} {EchoedInput.Cut(request.Path)}: {e.Message}.")
                .With("mapping", stub.Id.ToString()).With("setting", e.Setting))
            {
                Mapping = stub,
            };
        }

        var operation = StubContractCheck.OperationFor(snapshot.Contracts, request.Method, request.Path, VariantOf);
        var validate = operation is not null && _validation != ValidationMode.Off && stub.Response.Fault is null;
        var violations = validate ? ResponseValidator.Validate(operation!, response) : [];
        var vendor = operation is null ? null : snapshot.Contracts.Match(request.Method, request.Path)?.Vendor.Name;
        return new StubServed(stub, vendor, validate ? Enforce(operation!, response, violations) : response, stub.Response.Delay.Sample(Random.Shared), stub.Response.Fault, violations);
    }

    /// <summary>Strict: a response that breaks its contract becomes the violation problem; warn: it carries the violation header.</summary>
    private MockResponse Enforce(OperationContract operation, MockResponse response, IReadOnlyList<Violation> violations) =>
        violations.Count == 0 ? response
        : _validation == ValidationMode.Strict ? ViolationResponse.For(operation, violations)
        : response with { Headers = [.. response.Headers, new(ViolationResponse.Header, ViolationResponse.HeaderValue(violations))] };

    private static Scenario? Find(ScenarioCatalogue catalogue, string? name) => name is null ? null : catalogue.Find(name);

    private static bool TryParse(ReadOnlyMemory<byte> body, out JsonNode? parsed)
    {
        try
        {
            // A name given twice is refused as malformed, as a strict JSON parser would (a JsonObject would throw on it later).
            parsed = JsonNode.Parse(body.Span, documentOptions: new JsonDocumentOptions { AllowDuplicateProperties = false });
            return true;
        }
        catch (JsonException)
        {
            parsed = null;
            return false;
        }
    }
}
