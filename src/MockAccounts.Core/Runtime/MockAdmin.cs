using System.Text.Json.Nodes;
using MockAccounts.Core.Contracts;
using MockAccounts.Core.Generation;
using MockAccounts.Core.Http;
using MockAccounts.Core.Loading;
using MockAccounts.Core.Mappings;
using MockAccounts.Core.Responses;
using MockAccounts.Core.Scenarios;
using MockAccounts.Core.Validation;

namespace MockAccounts.Core.Runtime;

/// <summary>
/// What the admin API does to a running mock, beside the pipeline that serves it: find vendors,
/// switch scenarios and variants, bind tokens, show and edit a token's account. Every refusal is a
/// <see cref="Problem"/> naming the valid choices, and changes nothing. Every change goes through the pipeline's
/// <see cref="StateWriter"/>: when the state is shared, a call completes once every live replica has applied it
/// (and throws <see cref="SharedStateUnavailableException"/>, having changed nothing, when the store cannot be reached).
/// </summary>
public sealed class MockAdmin
{
    private readonly ContractStore _contracts;
    private readonly MockState _state;
    private readonly MockPipeline _pipeline;
    private readonly StateWriter _writer;

    /// <summary>The admin use-cases over a running mock's contracts, state and pipeline.</summary>
    /// <param name="contracts">The contracts being served.</param>
    /// <param name="state">The per-vendor and per-token state.</param>
    /// <param name="pipeline">The pipeline whose choices the admin shows and changes.</param>
    public MockAdmin(ContractStore contracts, MockState state, MockPipeline pipeline)
    {
        _contracts = contracts;
        _state = state;
        _pipeline = pipeline;
        _writer = pipeline.Writer;
    }

    /// <summary>Every loaded vendor.</summary>
    public IEnumerable<VendorContract> Vendors => _contracts.Current.Contracts.Vendors.Values;

    /// <summary>The vendor named <paramref name="name"/>, or a 404 problem listing the vendors.</summary>
    /// <param name="name">The vendor name.</param>
    public AdminOutcome<VendorContract> FindVendor(string name)
    {
        var vendors = _contracts.Current.Contracts;
        return vendors.Find(name) is { } found
            ? found
            : new Problem(404, "Unknown vendor", $"No vendor '{EchoedInput.Cut(name)}' (vendors: {string.Join(", ", vendors.Vendors.Keys)}).{ClosestName.DidYouMean(name, vendors.Vendors.Keys)}")
                .With("vendors", vendors.Vendors.Keys);
    }

    /// <summary>The variant the vendor serves now.</summary>
    public VariantContract CurrentVariant(VendorContract vendor) => _pipeline.VariantOf(vendor);

    /// <summary>The vendor's current scenario in <paramref name="variant"/>.</summary>
    public Scenario CurrentScenario(VariantContract variant) => _pipeline.VendorScenarioOf(variant);

    /// <summary>A named variant of the vendor, or the current one when <paramref name="name"/> is null.</summary>
    public AdminOutcome<VariantContract> FindVariant(VendorContract vendor, string? name) =>
        name is null ? CurrentVariant(vendor)
            : vendor.Variants.GetValueOrDefault(name) is { } found ? found
            : UnknownVariant(vendor, name, 404);

    /// <summary>Serves another variant for the whole vendor; refuses an unknown one.</summary>
    /// <param name="vendor">The vendor.</param>
    /// <param name="variant">The variant name.</param>
    public async ValueTask<Problem?> SetVariantAsync(VendorContract vendor, string variant)
    {
        ArgumentNullException.ThrowIfNull(vendor);
        if (!vendor.Variants.ContainsKey(variant))
        {
            return UnknownVariant(vendor, variant, 400);
        }

        await _writer.WriteAsync(new StateChange(StateChangeKind.VendorVariant) { Vendor = vendor.Name, Value = variant }).ConfigureAwait(false);
        return null;
    }

    /// <summary>Switches the whole vendor (every token without a binding of its own).</summary>
    public async ValueTask<Problem?> SetVendorScenarioAsync(VendorContract vendor, string scenario)
    {
        ArgumentNullException.ThrowIfNull(vendor);
        if (UnknownScenario(vendor, scenario) is { } problem)
        {
            return problem;
        }

        await _writer.WriteAsync(StateChange.VendorScenario(vendor.Name, scenario)).ConfigureAwait(false);
        return null;
    }

    /// <summary>The scenarios of stub mappings (WireMock's <c>scenarioName</c>), with their states.</summary>
    public IReadOnlyList<StubScenario> StubScenarios() => _pipeline.Stubs.Scenarios();

    /// <summary>Sets a stub-mapping scenario's state, or back to <c>Started</c> when <paramref name="state"/> is null.</summary>
    /// <param name="name">The scenario name; a name that is neither a vendor nor a stub scenario is refused.</param>
    /// <param name="state">A state one of the scenario's mappings names, or null.</param>
    public async ValueTask<Problem?> SetStubScenarioStateAsync(string name, string? state)
    {
        var stubs = _pipeline.Stubs;
        if (stubs.Scenarios().FirstOrDefault(s => s.Name == name) is not { } scenario)
        {
            var known = Vendors.Select(v => v.Name).Concat(stubs.Scenarios().Select(s => s.Name)).ToArray();
            return new Problem(404, "Unknown vendor", $"No vendor '{EchoedInput.Cut(name)}' (vendors: {string.Join(", ", known)}).{ClosestName.DidYouMean(name, known)}").With("vendors", known);
        }

        if (state is not null && !scenario.PossibleStates.Contains(state))
        {
            return new Problem(400, "Unknown scenario", $"'{name}' has no scenario '{EchoedInput.Cut(state)}' (scenarios: {string.Join(", ", scenario.PossibleStates)}).{ClosestName.DidYouMean(state, scenario.PossibleStates)}")
                .With("scenarios", scenario.PossibleStates);
        }

        await _writer.WriteAsync(StateChange.StubScenarioState(name, state)).ConfigureAwait(false);
        return null;
    }

    /// <summary>Every vendor back to its default scenario and every stub scenario back to <c>Started</c>.</summary>
    public ValueTask ResetScenariosAsync() => _writer.WriteAsync(new StateChange(StateChangeKind.ScenariosReset));

    /// <summary>Back to a fresh start: scenarios, bindings, account edits, variants, and the stub mappings the files hold.</summary>
    public ValueTask ResetAsync() => _writer.WriteAsync(new StateChange(StateChangeKind.Reset));

    /// <summary>The vendor back to its default scenario, its sequences to their start.</summary>
    public ValueTask ResetVendorScenarioAsync(VendorContract vendor)
    {
        ArgumentNullException.ThrowIfNull(vendor);
        return _writer.WriteAsync(StateChange.VendorScenario(vendor.Name, null));
    }

    /// <summary>Binds a scenario to one token; refuses an empty token or a scenario the token's variant does not have.</summary>
    /// <param name="vendor">The vendor.</param>
    /// <param name="token">The credential, exactly as the client sends it.</param>
    /// <param name="scenario">The scenario name.</param>
    public async ValueTask<Problem?> BindTokenAsync(VendorContract vendor, string token, string scenario)
    {
        ArgumentNullException.ThrowIfNull(vendor);
        ArgumentNullException.ThrowIfNull(token);
        if (token.Length == 0)
        {
            return new Problem(400, "Invalid token", "Expected a non-empty token.");
        }

        if (TooLong(token) is { } tooLong)
        {
            return tooLong;
        }

        if (UnknownScenario(vendor, scenario, _pipeline.VariantOf(vendor, token)) is { } problem)
        {
            return problem;
        }

        await _writer.WriteAsync(StateChange.TokenBinding(vendor.Name, token, scenario)).ConfigureAwait(false);
        return null;
    }

    /// <summary>
    /// A fresh account: a new token of the shape the vendor documents (so format checks pass as for a real key), bound to
    /// <paramref name="scenario"/> (null: the catalogue's default) with its own <paramref name="variation"/> if given, and what it receives now.
    /// </summary>
    /// <param name="vendor">The vendor.</param>
    /// <param name="scenario">A scenario or sequence of the vendor's current variant; null for its default.</param>
    /// <param name="variation">The token's own variation; null for the vendor's.</param>
    public async ValueTask<AdminOutcome<AccountView>> CreateAccountAsync(VendorContract vendor, string? scenario, Variation? variation = null)
    {
        ArgumentNullException.ThrowIfNull(vendor);
        var variant = _pipeline.VariantOf(vendor);
        if (variant.Account.Security.FirstOrDefault(s => s.Count > 0)?[0] is not { } credential)
        {
            return new Problem(409, "No credentials",
                $"'{vendor.Name}''s account operation ({variant.Account.Display}) takes no credentials, so its accounts cannot be told apart: switch the vendor's scenario instead.");
        }

        // A token of the shape the vendor documents, so format checks pass as they would for a real key (basic: an encoded user:password).
        var token = credential.Format?.NewCredential()
            ?? (credential.Kind == CredentialKind.Basic ? Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{vendor.Name}:{Guid.NewGuid():N}")) : $"{vendor.Name}_{Guid.NewGuid():N}");
        if (await BindTokenAsync(vendor, token, scenario ?? variant.Catalogue.Default.Name).ConfigureAwait(false) is { } problem)
        {
            return problem;
        }

        if (variation is { } own)
        {
            await _writer.WriteAsync(new StateChange(StateChangeKind.TokenVariation) { Vendor = vendor.Name, Token = token, Value = own.ToString() }).ConfigureAwait(false);
        }

        return await DescribeAccountAsync(vendor, token).ConfigureAwait(false);
    }

    /// <summary>The token follows the vendor's scenario again; a 404 problem when it had none of its own.</summary>
    /// <param name="vendor">The vendor.</param>
    /// <param name="token">The credential.</param>
    public async ValueTask<Problem?> UnbindTokenAsync(VendorContract vendor, string token)
    {
        ArgumentNullException.ThrowIfNull(vendor);
        if (_state.Binding(vendor.Name, token) is null)
        {
            return new Problem(404, "Not bound", $"Token '{token}' has no scenario of its own for '{vendor.Name}'.");
        }

        await _writer.WriteAsync(StateChange.TokenBinding(vendor.Name, token, null)).ConfigureAwait(false);
        return null;
    }

    /// <summary>What the token receives now, without advancing a sequence.</summary>
    public async ValueTask<AccountView> DescribeAccountAsync(VendorContract vendor, string token)
    {
        ArgumentNullException.ThrowIfNull(vendor);
        var variant = _pipeline.VariantOf(vendor, token);
        var scenario = _pipeline.ScenarioFor(variant, token);
        var shared = _writer.Shared;
        var index = !scenario.IsSequence ? 0
            : shared is null ? _state.PeekIndex(vendor.Name, token, scenario.Name)
            : await Peek(shared, _state.SequenceCounter(vendor.Name, token, scenario.Name), () => _state.PeekIndex(vendor.Name, token, scenario.Name)).ConfigureAwait(false);
        var step = scenario.StepAt(index);
        var variation = _pipeline.VariationOf(vendor.Name, token);
        var number = shared is null ? _state.PeekRequestNumber(vendor.Name, token)
            : await Peek(shared, _state.RequestNumberCounter(vendor.Name, token), () => _state.PeekRequestNumber(vendor.Name, token)).ConfigureAwait(false);
        var draw = new RequestDraw(number, variation);
        var response = _contracts.Current.Responses.Produce(variant, variant.Account, variant.Account.StepFor(scenario, step), token, _state.Account(vendor.Name, token), draw);
        return new AccountView(variant, token, scenario.Name, response, variation);
    }

    /// <summary>The variation the vendor's tokens get unless one has its own.</summary>
    public Variation VendorVariation(VendorContract vendor) => _pipeline.VendorVariationOf(vendor.Name);

    /// <summary>Realistic or edge bodies for the whole vendor, or for one token when <paramref name="token"/> is given.</summary>
    public async ValueTask<AdminOutcome<string>> SetVariationAsync(VendorContract vendor, string? token, string variation)
    {
        ArgumentNullException.ThrowIfNull(vendor);
        var names = Enum.GetValues<Variation>().Select(v => v.ToString().ToLowerInvariant()).ToArray();
        if (!names.Contains(variation, StringComparer.OrdinalIgnoreCase))
        {
            return new Problem(400, "Unknown variation", $"'{EchoedInput.Cut(variation)}' is not a variation (variations: {string.Join(", ", names)}).{ClosestName.DidYouMean(variation, names)}").With("variations", names);
        }

        if (token is not null && TooLong(token) is { } tooLong)
        {
            return tooLong;
        }

        var chosen = Enum.Parse<Variation>(variation, ignoreCase: true);
        await _writer.WriteAsync(new StateChange(token is null ? StateChangeKind.VendorVariation : StateChangeKind.TokenVariation)
        {
            Vendor = vendor.Name,
            Token = token,
            Value = chosen.ToString(),
        }).ConfigureAwait(false);
        return chosen.ToString().ToLowerInvariant();
    }

    /// <summary>One token served another variant of the vendor.</summary>
    public async ValueTask<Problem?> SetTokenVariantAsync(VendorContract vendor, string token, string variant)
    {
        ArgumentNullException.ThrowIfNull(vendor);
        if (!vendor.Variants.ContainsKey(variant))
        {
            return UnknownVariant(vendor, variant, 400);
        }

        if (TooLong(token) is { } tooLong)
        {
            return tooLong;
        }

        await _writer.WriteAsync(new StateChange(StateChangeKind.TokenVariant) { Vendor = vendor.Name, Token = token, Value = variant }).ConfigureAwait(false);
        return null;
    }

    /// <summary>
    /// Layers a partial account body over the token's edits, if the result keeps the token's body
    /// valid in its own scenario (or the plain account); otherwise a problem listing the violations.
    /// </summary>
    public async ValueTask<AdminOutcome<AccountView>> EditAccountAsync(VendorContract vendor, string token, JsonNode? patch)
    {
        ArgumentNullException.ThrowIfNull(vendor);
        if (TooLong(token) is { } tooLong)
        {
            return tooLong;
        }

        var snapshot = _contracts.Current;
        var variant = CurrentVariant(vendor);
        var (edit, problems, success) = CompileEdit(variant, patch);
        if (edit is null || success is null)
        {
            return Refused(vendor, problems);
        }

        var scenario = _pipeline.ScenarioFor(variant, token);
        var step = scenario.Steps[0].Status == success.Status ? scenario.Steps[0] : ResponseStep.Plain(success.Status);
        var trial = snapshot.Responses.Produce(variant, variant.Account, step, token, OverrideNode.Layer(_state.Account(vendor.Name, token), edit));
        var violations = ResponseValidator.Validate(variant.Account, trial);
        if (violations.Count > 0)
        {
            return Refused(vendor, violations.Select(v => (v.Pointer, $"expected {v.Expected}, actual {v.Actual}")));
        }

        await _writer.WriteAsync(new StateChange(StateChangeKind.AccountEdit) { Vendor = vendor.Name, Token = token, Edits = [edit], Patch = patch!.DeepClone() }).ConfigureAwait(false);
        return await DescribeAccountAsync(vendor, token).ConfigureAwait(false);
    }

    /// <summary>Drops the token's account edits; a 404 problem when it had none.</summary>
    /// <param name="vendor">The vendor.</param>
    /// <param name="token">The credential.</param>
    public async ValueTask<Problem?> ClearAccountAsync(VendorContract vendor, string token)
    {
        ArgumentNullException.ThrowIfNull(vendor);
        if (_state.Account(vendor.Name, token) is null)
        {
            return new Problem(404, "No edits", $"Token '{token}' has no account edits for '{vendor.Name}'.");
        }

        await _writer.WriteAsync(new StateChange(StateChangeKind.AccountCleared) { Vendor = vendor.Name, Token = token }).ConfigureAwait(false);
        return null;
    }

    /// <summary>
    /// An admin's partial account body compiled against <paramref name="variant"/>'s lowest success with a JSON body, the
    /// body it edits; the edit is null with the problems (pointer, message) when it cannot be.
    /// </summary>
    internal static (OverrideNode? Edit, IReadOnlyList<(string Pointer, string Message)> Problems, ResponseContract? Success) CompileEdit(VariantContract variant, JsonNode? patch)
    {
        var success = variant.Account.Responses.Values.Where(r => HttpStatus.IsSuccess(r.Status) && r.Body is not null).MinBy(r => r.Status);
        if (success is null)
        {
            return (null, [("", $"{variant.Account.Display} documents no success with a JSON body to edit")], null);
        }

        var (edit, problems) = patch is JsonObject ? OverridePatch.Compile(patch, success.Body!) : (null, [("", "expected a JSON object: a partial account body")]);
        return (edit, problems, success);
    }

    /// <summary>A shared count's next value without claiming it; this replica's own while the store cannot be reached.</summary>
    private static async ValueTask<long> Peek(ISharedState shared, SharedCounter counter, Func<long> local)
    {
        try
        {
            return await shared.PeekAsync(counter).ConfigureAwait(false);
        }
        catch (SharedStateUnavailableException)
        {
            return local();
        }
    }

    /// <summary>Null when <paramref name="variant"/> (by default the vendor's current one) has the scenario; else the problem listing its scenarios.</summary>
    private Problem? UnknownScenario(VendorContract vendor, string scenario, VariantContract? variant = null)
    {
        var catalogue = (variant ?? CurrentVariant(vendor)).Catalogue;
        return catalogue.Find(scenario) is not null
            ? null
            : new Problem(400, "Unknown scenario", $"'{vendor.Name}' has no scenario '{EchoedInput.Cut(scenario)}' (scenarios: {string.Join(", ", catalogue.Names)}).{ClosestName.DidYouMean(scenario, catalogue.Names)}")
                .With("scenarios", catalogue.Names);
    }

    /// <summary>A token the vendor endpoints would never accept is never remembered either.</summary>
    private static Problem? TooLong(string token) => token.Length <= CredentialChecker.MaxLength
        ? null
        : new Problem(400, "Token too long", $"Tokens are limited to {CredentialChecker.MaxLength} characters (this one has {token.Length}); a longer credential gets the vendor's 401 and is never remembered.")
            .With("maxLength", CredentialChecker.MaxLength);

    private static Problem UnknownVariant(VendorContract vendor, string variant, int status) =>
        new Problem(status, "Unknown variant", $"'{vendor.Name}' has no variant '{EchoedInput.Cut(variant)}' (variants: {string.Join(", ", vendor.Variants.Keys)}).{ClosestName.DidYouMean(variant, vendor.Variants.Keys)}")
            .With("variants", vendor.Variants.Keys);

    private static Problem Refused(VendorContract vendor, IEnumerable<(string Pointer, string Message)> violations)
    {
        var list = violations.Select(v => (JsonNode)new JsonObject { ["pointer"] = v.Pointer, ["message"] = v.Message }).ToArray();
        return new Problem(400, "The edit breaks the contract", $"The edit would make '{vendor.Name}' send a body its contract forbids ({list.Length} violation(s)); nothing was changed.")
            .With("violations", new JsonArray(list));
    }
}
