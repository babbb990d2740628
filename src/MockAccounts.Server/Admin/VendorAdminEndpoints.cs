using Microsoft.AspNetCore.Http.HttpResults;
using System.Text.Json.Nodes;
using MockAccounts.Core.Contracts;
using MockAccounts.Core.Generation;
using MockAccounts.Core.Responses;
using MockAccounts.Core.Runtime;
using MockAccounts.Core.Scenarios;
using MockAccounts.Server.Hosting;

namespace MockAccounts.Server.Admin;

/// <summary>MockAccounts' own admin calls: vendors, variants, per-token scenarios and account edits.</summary>
internal static class VendorAdminEndpoints
{
    public static RouteGroupBuilder MapVendorAdmin(this RouteGroupBuilder admin)
    {
        var vendors = admin.MapGroup("/vendors");
        vendors.MapGet("/", List).WithSummary("Every vendor with its variant, current scenario, scenarios (status, description, group), credentials and endpoints");
        vendors.MapGet("/{vendor}", Describe).Produces<VendorDto>().WithSummary("One vendor with every variant and its scenarios");
        vendors.MapGet("/{vendor}/openapi", OpenApi).WithSummary("The contract being served (?variant= for another variant)");
        vendors.MapPut("/{vendor}/variant", SetVariantAsync).WithMetadata(new AdminRequestBody(typeof(VariantRequestDto))).Produces<VariantSelectionDto>().WithSummary("Serve another variant: {\"variant\": \"<name>\"}");
        vendors.MapPut("/{vendor}/variation", SetVendorVariationAsync).WithMetadata(new AdminRequestBody(typeof(VariationRequestDto))).Produces<VariationSelectionDto>().WithSummary("Realistic or edge bodies for the vendor's tokens: {\"variation\": \"edges\"}");
        vendors.MapPut("/{vendor}/tokens/{token}/variation", SetTokenVariationAsync).WithMetadata(new AdminRequestBody(typeof(VariationRequestDto))).Produces<VariationSelectionDto>().WithSummary("Realistic or edge bodies for one token: {\"variation\": \"edges\"}");
        vendors.MapPut("/{vendor}/tokens/{token}/variant", SetTokenVariantAsync).WithMetadata(new AdminRequestBody(typeof(VariantRequestDto))).Produces<TokenVariantDto>().WithSummary("Serve one token another variant: {\"variant\": \"<name>\"}");
        vendors.MapPut("/{vendor}/tokens/{token}/scenario", BindAsync).WithMetadata(new AdminRequestBody(typeof(ScenarioRequestDto))).Produces<TokenBindingDto>().WithSummary("Bind a scenario to one token: {\"scenario\": \"<name>\"}");
        vendors.MapDelete("/{vendor}/tokens/{token}/scenario", Unbind).WithSummary("The token follows the vendor's scenario again");
        vendors.MapGet("/{vendor}/tokens/{token}/account", Account).Produces<AccountDto>().WithSummary("What the token gets now (status, headers, body), without advancing a sequence");
        vendors.MapPatch("/{vendor}/tokens/{token}/account", EditAccountAsync).WithMetadata(new AdminRequestBody(typeof(JsonObject))).Produces<AccountDto>().WithSummary("Edit fields of the token's account (a partial body, checked against the contract)");
        vendors.MapDelete("/{vendor}/tokens/{token}/account", ClearAccount).WithSummary("Drop the token's account edits");
        return admin;
    }

    private static Ok<VendorsDto> List(ContractStore contracts, MockPipeline pipeline) =>
        TypedResults.Ok(new VendorsDto(contracts.Current.Contracts.Vendors.Values.Select(v =>
        {
            var variant = pipeline.VariantOf(v);
            return new VendorSummaryDto(v.Name, v.Title, variant.Name, pipeline.VendorScenarioOf(variant).Name, v.Variants.Keys.ToArray(), Endpoints(variant, v.Name),
                variant.Catalogue.Default.Name, variant.Account.Display,
                (variant.Account.Security.Count > 0 ? variant.Account.Security[0] : []).Select(c => new CredentialDto(c.HeaderName, c.Kind == CredentialKind.Bearer ? "Bearer" : null, c.Format?.NewCredential())).ToArray(),
                Scenarios(variant), Name(pipeline.VendorVariationOf(v.Name)), Notes(v, variant));
        }).ToArray()));

    private static IResult Describe(string vendor, ContractStore contracts, MockPipeline pipeline)
    {
        if (contracts.Current.Contracts.Find(vendor) is not { } found)
        {
            return AdminProblems.UnknownVendor(vendor, contracts.Current.Contracts.Vendors.Keys);
        }

        var current = pipeline.VariantOf(found);
        return TypedResults.Ok(new VendorDto(found.Name, found.Title, current.Name, pipeline.VendorScenarioOf(current).Name,
            found.Variants.Values.Select(v => new VariantDto(v.Name, v.Title, Endpoints(v, found.Name), v.Catalogue.Default.Name,
                Scenarios(v), v.Name == VendorContract.DocumentedVariant ? null : v.Summary ?? v.Title, Choice(found.Name, v.Name))).ToArray(),
            Name(pipeline.VendorVariationOf(found.Name))));
    }

    private static IResult OpenApi(string vendor, string? variant, ContractStore contracts, MockPipeline pipeline)
    {
        if (contracts.Current.Contracts.Find(vendor) is not { } found)
        {
            return AdminProblems.UnknownVendor(vendor, contracts.Current.Contracts.Vendors.Keys);
        }

        var chosen = variant is null ? pipeline.VariantOf(found) : found.Variants.GetValueOrDefault(variant);
        return chosen is null
            ? AdminProblems.Problem(StatusCodes.Status404NotFound, "Unknown variant", $"'{vendor}' has no variant '{variant}' (variants: {string.Join(", ", found.Variants.Keys)}).")
            : TypedResults.Text(chosen.OpenApiJson, "application/json");
    }

    private static async Task<IResult> SetVariantAsync(string vendor, HttpContext context, ContractStore contracts, MockState state, MockAccountsOptions options)
    {
        var (variant, problem) = await ReadVariantAsync(vendor, context, contracts, options);
        if (variant is null)
        {
            return problem!;
        }

        state.SetVendorVariant(vendor, variant);
        return TypedResults.Ok(new VariantSelectionDto(vendor, variant));
    }

    private static async Task<IResult> BindAsync(string vendor, string token, HttpContext context, ContractStore contracts, MockPipeline pipeline, MockState state, MockAccountsOptions options)
    {
        if (contracts.Current.Contracts.Find(vendor) is not { } found)
        {
            return AdminProblems.UnknownVendor(vendor, contracts.Current.Contracts.Vendors.Keys);
        }

        var (scenario, problem) = await AdminBody.ReadStringAsync(context, options.MaxBodyBytes, "scenario");
        if (problem is not null)
        {
            return problem;
        }

        var catalogue = pipeline.VariantOf(found).Catalogue;
        if (catalogue.Find(scenario!) is null)
        {
            return AdminProblems.UnknownScenario(vendor, scenario!, catalogue.Names);
        }

        state.Bind(vendor, token, scenario!);
        return TypedResults.Ok(new TokenBindingDto(vendor, token, scenario!));
    }

    private static IResult Unbind(string vendor, string token, ContractStore contracts, MockState state) =>
        contracts.Current.Contracts.Find(vendor) is null
            ? AdminProblems.UnknownVendor(vendor, contracts.Current.Contracts.Vendors.Keys)
            : state.Unbind(vendor, token) ? TypedResults.NoContent() : AdminProblems.Problem(StatusCodes.Status404NotFound, "Not bound", $"Token '{token}' has no scenario of its own for '{vendor}'.");

    private static IResult Account(string vendor, string token, ContractStore contracts, MockPipeline pipeline, MockState state)
    {
        if (contracts.Current.Contracts.Find(vendor) is not { } found)
        {
            return AdminProblems.UnknownVendor(vendor, contracts.Current.Contracts.Vendors.Keys);
        }

        var variant = pipeline.VariantOf(found, token);
        var scenario = pipeline.ScenarioFor(variant, token);
        var step = scenario.StepAt(scenario.IsSequence ? state.PeekIndex(vendor, token, scenario.Name) : 0);
        var variation = pipeline.VariationOf(vendor, token);
        var draw = new RequestDraw(state.PeekRequestNumber(vendor, token), variation);
        var response = contracts.Current.Responses.Produce(variant, variant.Account, step, token, state.Account(vendor, token), draw);
        return TypedResults.Ok(ToDto(variant, token, scenario.Name, response) with { Variation = Name(variation) });
    }

    private static async Task<IResult> EditAccountAsync(string vendor, string token, HttpContext context, ContractStore contracts, MockPipeline pipeline, MockState state, MockAccountsOptions options)
    {
        if (contracts.Current.Contracts.Find(vendor) is not { } found)
        {
            return AdminProblems.UnknownVendor(vendor, contracts.Current.Contracts.Vendors.Keys);
        }

        var (patch, problem) = await AdminBody.ReadAsync(context, options.MaxBodyBytes);
        if (problem is not null)
        {
            return problem;
        }

        var variant = pipeline.VariantOf(found);
        var success = variant.Account.Responses.Values.Where(r => r.Status is >= 200 and < 300 && r.Body is not null).MinBy(r => r.Status)!;
        var (edit, problems) = patch is JsonObject ? OverridePatch.Compile(patch, success.Body!) : (null, [("", "expected a JSON object: a partial account body")]);
        if (edit is null)
        {
            return Invalid(vendor, problems.Select(p => new { pointer = p.Pointer, message = p.Message }));
        }

        // The edit must keep the token's body valid in its own scenario (or the plain account).
        var scenario = pipeline.ScenarioFor(variant, token);
        var step = scenario.Steps[0].Status == success.Status ? scenario.Steps[0] : new ResponseStep(success.Status, null, new Dictionary<string, string>(), null, null, 1);
        var trial = contracts.Current.Responses.Produce(variant, variant.Account, step, token, OverrideNode.Layer(state.Account(vendor, token), edit));
        var violations = Core.MockEngine.Validate(variant.Account, trial);
        if (violations.Count > 0)
        {
            return Invalid(vendor, violations.Select(v => new { pointer = v.Pointer, message = $"expected {v.Expected}, actual {v.Actual}" }));
        }

        state.EditAccount(vendor, token, edit);
        return Account(vendor, token, contracts, pipeline, state);
    }

    private static IResult ClearAccount(string vendor, string token, ContractStore contracts, MockState state) =>
        contracts.Current.Contracts.Find(vendor) is null
            ? AdminProblems.UnknownVendor(vendor, contracts.Current.Contracts.Vendors.Keys)
            : state.ClearAccount(vendor, token) ? TypedResults.NoContent() : AdminProblems.Problem(StatusCodes.Status404NotFound, "No edits", $"Token '{token}' has no account edits for '{vendor}'.");

    private static IResult Invalid(string vendor, IEnumerable<object> violations)
    {
        var list = violations.ToArray();
        return AdminProblems.Problem(StatusCodes.Status400BadRequest, "The edit breaks the contract",
            $"The edit would make '{vendor}' send a body its contract forbids ({list.Length} violation(s)); nothing was changed.",
            new Dictionary<string, object?> { ["violations"] = list });
    }

    private static ScenarioInfoDto[] Scenarios(VariantContract variant) =>
        variant.Catalogue.Scenarios.Select(s => new ScenarioInfoDto(
            s.Name, s.Description, s.Status, s.IsSequence, s.Steps.Select(p => p.Status).ToArray(), s.Group.ToString().ToLowerInvariant())).ToArray();

    private static async Task<IResult> SetVendorVariationAsync(string vendor, HttpContext context, ContractStore contracts, MockState state, MockAccountsOptions options)
    {
        var (variation, problem) = await ReadVariationAsync(vendor, context, contracts, options);
        if (variation is null)
        {
            return problem!;
        }

        state.SetVendorVariation(vendor, variation.Value);
        return TypedResults.Ok(new VariationSelectionDto(vendor, null, Name(variation.Value)));
    }

    private static async Task<IResult> SetTokenVariationAsync(string vendor, string token, HttpContext context, ContractStore contracts, MockState state, MockAccountsOptions options)
    {
        var (variation, problem) = await ReadVariationAsync(vendor, context, contracts, options);
        if (variation is null)
        {
            return problem!;
        }

        state.SetTokenVariation(vendor, token, variation.Value);
        return TypedResults.Ok(new VariationSelectionDto(vendor, token, Name(variation.Value)));
    }

    private static async Task<IResult> SetTokenVariantAsync(string vendor, string token, HttpContext context, ContractStore contracts, MockState state, MockAccountsOptions options)
    {
        var (variant, problem) = await ReadVariantAsync(vendor, context, contracts, options);
        if (variant is null)
        {
            return problem!;
        }

        state.SetTokenVariant(vendor, token, variant);
        return TypedResults.Ok(new TokenVariantDto(vendor, token, variant));
    }

    /// <summary>The variant a request body names (<c>{"variant": "v2.7.0"}</c>), or the problem to answer.</summary>
    private static async Task<(string? Variant, IResult? Problem)> ReadVariantAsync(string vendor, HttpContext context, ContractStore contracts, MockAccountsOptions options)
    {
        if (contracts.Current.Contracts.Find(vendor) is not { } found)
        {
            return (null, AdminProblems.UnknownVendor(vendor, contracts.Current.Contracts.Vendors.Keys));
        }

        var (variant, problem) = await AdminBody.ReadStringAsync(context, options.MaxBodyBytes, "variant");
        if (problem is not null)
        {
            return (null, problem);
        }

        return found.Variants.ContainsKey(variant!)
            ? (variant, null)
            : (null, AdminProblems.Problem(StatusCodes.Status400BadRequest, "Unknown variant", $"'{vendor}' has no variant '{variant}' (variants: {string.Join(", ", found.Variants.Keys)}).",
                new Dictionary<string, object?> { ["variants"] = found.Variants.Keys.ToArray() }));
    }

    /// <summary>The variation a request body names (<c>{"variation": "edges"}</c>), or the problem to answer.</summary>
    private static async Task<(Variation? Variation, IResult? Problem)> ReadVariationAsync(string vendor, HttpContext context, ContractStore contracts, MockAccountsOptions options)
    {
        if (contracts.Current.Contracts.Find(vendor) is null)
        {
            return (null, AdminProblems.UnknownVendor(vendor, contracts.Current.Contracts.Vendors.Keys));
        }

        var (text, problem) = await AdminBody.ReadStringAsync(context, options.MaxBodyBytes, "variation");
        if (problem is not null)
        {
            return (null, problem);
        }

        var names = Enum.GetValues<Variation>().Select(Name).ToArray();
        return names.Contains(text, StringComparer.OrdinalIgnoreCase)
            ? (Enum.Parse<Variation>(text!, ignoreCase: true), null)
            : (null, AdminProblems.Problem(StatusCodes.Status400BadRequest, "Unknown variation", $"'{text}' is not a variation (variations: {string.Join(", ", names)}).",
                new Dictionary<string, object?> { ["variations"] = names }));
    }

    private static string Name(Variation variation) => variation.ToString().ToLowerInvariant();

    /// <summary>What the listing tells a user about the vendor's other variants.</summary>
    private static string[] Notes(VendorContract vendor, VariantContract serving) =>
        vendor.Variants.Values.Where(v => v != serving && v.Name != VendorContract.DocumentedVariant)
            .Select(v => $"Variant '{v.Name}' differs from the docs: {v.Summary ?? v.Title} Pick it with {Choice(vendor.Name, v.Name).StartUp} (start-up), {Choice(vendor.Name, v.Name).Token} (one token) or '{Choice(vendor.Name, v.Name).Request}' (one request).")
            .ToArray();

    private static VariantChoiceDto Choice(string vendor, string variant) => new(
        $"MockAccounts__Variants__{vendor}={variant}",
        $"PUT /__admin/vendors/{vendor}/tokens/{{token}}/variant {{\"variant\": \"{variant}\"}}",
        $"Prefer: variant={variant}");

    private static string[] Endpoints(VariantContract variant, string vendor) =>
        variant.Operations.SelectMany(o => new[] { $"{o.Method} {o.Path}", $"{o.Method} /{vendor}{o.Path}" }).ToArray();

    private static AccountDto ToDto(VariantContract variant, string token, string scenario, MockResponse response) => new(
        variant.Vendor, variant.Name, token, scenario, response.Status,
        response.Headers.ToDictionary(h => h.Key, h => h.Value, StringComparer.OrdinalIgnoreCase),
        response.Body.Length == 0 ? null : JsonNode.Parse(response.Body));
}
