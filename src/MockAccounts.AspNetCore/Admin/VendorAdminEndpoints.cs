using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;
using MockAccounts.Core.Contracts;
using MockAccounts.Core.Generation;
using MockAccounts.Core.Runtime;
using MockAccounts.Core.Scenarios;
using MockAccounts.AspNetCore.Journal;

namespace MockAccounts.AspNetCore.Admin;

/// <summary>MockAccounts' own admin calls over HTTP: each reads the request, calls <see cref="MockAdmin"/>, writes the answer.</summary>
internal static class VendorAdminEndpoints
{
    public static RouteGroupBuilder MapVendorAdmin(this RouteGroupBuilder admin)
    {
        admin.MapGet("/vendors", List).WithSummary("Every vendor with its variant, current scenario, scenarios (status, description, group), credentials and endpoints");
        var vendor = admin.MapGroup("/vendors/{vendor}").AddEndpointFilter<RouteVendorFilter>();
        vendor.MapGet("", Describe).Produces<VendorDto>().WithSummary("One vendor with every variant and its scenarios");
        vendor.MapGet("/openapi", OpenApi).WithSummary("The contract being served (?variant= for another variant)");
        vendor.MapPut("/variant", SetVariantAsync).WithMetadata(new AdminRequestBody(typeof(VariantRequestDto))).Produces<VariantSelectionDto>().WithSummary("Serve another variant: {\"variant\": \"<name>\"}");
        vendor.MapPut("/variation", SetVendorVariationAsync).WithMetadata(new AdminRequestBody(typeof(VariationRequestDto))).Produces<VariationSelectionDto>().WithSummary("Realistic or edge bodies for the vendor's tokens: {\"variation\": \"edges\"}");
        vendor.MapPut("/tokens/{token}/variation", SetTokenVariationAsync).WithMetadata(new AdminRequestBody(typeof(VariationRequestDto))).Produces<VariationSelectionDto>().WithSummary("Realistic or edge bodies for one token: {\"variation\": \"edges\"}");
        vendor.MapPut("/tokens/{token}/variant", SetTokenVariantAsync).WithMetadata(new AdminRequestBody(typeof(VariantRequestDto))).Produces<TokenVariantDto>().WithSummary("Serve one token another variant: {\"variant\": \"<name>\"}");
        vendor.MapPost("/tokens", BindFromBodyAsync).WithMetadata(new AdminRequestBody(typeof(TokenScenarioRequestDto))).Produces<TokenBindingDto>()
            .WithSummary("Bind a scenario to one token given in the body, so it needs no path encoding: {\"token\": \"<token>\", \"scenario\": \"<name>\"}");
        vendor.MapPut("/tokens/{token}/scenario", BindAsync).WithMetadata(new AdminRequestBody(typeof(ScenarioRequestDto))).Produces<TokenBindingDto>().WithSummary("Bind a scenario to one token: {\"scenario\": \"<name>\"}");
        vendor.MapDelete("/tokens/{token}/scenario", Unbind).WithSummary("The token follows the vendor's scenario again");
        vendor.MapGet("/tokens/{token}/account", Account).Produces<AccountDto>().WithSummary("What the token gets now (status, headers, body), without advancing a sequence");
        vendor.MapPatch("/tokens/{token}/account", EditAccountAsync).WithMetadata(new AdminRequestBody(typeof(JsonObject))).Produces<AccountDto>().WithSummary("Edit fields of the token's account (a partial body, checked against the contract)");
        vendor.MapDelete("/tokens/{token}/account", ClearAccount).WithSummary("Drop the token's account edits");
        return admin;
    }

    private static Ok<VendorsDto> List(MockAdmin admin) =>
        TypedResults.Ok(new VendorsDto(admin.Vendors.Select(v =>
        {
            var variant = admin.CurrentVariant(v);
            return new VendorSummaryDto(v.Name, v.Title, variant.Name, admin.CurrentScenario(variant).Name, v.Variants.Keys.ToArray(), Endpoints(variant, v.Name),
                variant.Catalogue.Default.Name, variant.Account.Display,
                (variant.Account.Security.Count > 0 ? variant.Account.Security[0] : []).Select(c => new CredentialDto(
                    c.HeaderName,
                    c.Kind switch { CredentialKind.Bearer => "Bearer", CredentialKind.Basic => "Basic", _ => null },
                    c.Format?.NewCredential(),
                    c.Kind switch { CredentialKind.ApiKeyQuery => "query", CredentialKind.ApiKeyCookie => "cookie", _ => "header" })).ToArray(),
                Scenarios(variant), Name(admin.VendorVariation(v)), Notes(v, variant));
        }).ToArray()));

    private static Ok<VendorDto> Describe(RouteVendor target, MockAdmin admin)
    {
        var found = target.Contract;
        var current = admin.CurrentVariant(found);
        return TypedResults.Ok(new VendorDto(found.Name, found.Title, current.Name, admin.CurrentScenario(current).Name,
            found.Variants.Values.Select(v => new VariantDto(v.Name, v.Title, Endpoints(v, found.Name), v.Catalogue.Default.Name,
                Scenarios(v), v.Name == VendorContract.DocumentedVariant ? null : v.Summary ?? v.Title, Choice(found.Name, v.Name))
            {
                Format = v.Format.ToString().ToLowerInvariant(),
                Warnings = v.Warnings.Select(w => new ContractErrorDto(w.File, w.Location, w.Message)).ToArray(),
            }).ToArray(),
            Name(admin.VendorVariation(found))));
    }

    private static IResult OpenApi(RouteVendor target, string? variant, MockAdmin admin)
    {
        var chosen = admin.FindVariant(target.Contract, variant);
        return chosen.Value is { } found ? TypedResults.Text(found.OpenApiJson, "application/json") : new ProblemResult(chosen.Problem!);
    }

    private static async Task<IResult> SetVariantAsync(RouteVendor target, HttpContext context, MockAdmin admin, MockAccountsOptions options)
    {
        var (values, problem) = await AdminBody.ReadStringsAsync(context, options.MaxBodyBytes, "variant").ConfigureAwait(false);
        problem ??= await admin.SetVariantAsync(target.Contract, values[0]).ConfigureAwait(false);
        return problem is not null ? new ProblemResult(problem) : TypedResults.Ok(new VariantSelectionDto(target.Contract.Name, values[0]));
    }

    private static async Task<IResult> BindAsync(RouteVendor target, RouteToken credential, HttpContext context, MockAdmin admin, MockAccountsOptions options)
    {
        var (values, problem) = await AdminBody.ReadStringsAsync(context, options.MaxBodyBytes, "scenario").ConfigureAwait(false);
        problem ??= await admin.BindTokenAsync(target.Contract, credential.Value, values[0]).ConfigureAwait(false);
        return problem is not null ? new ProblemResult(problem) : TypedResults.Ok(new TokenBindingDto(target.Contract.Name, credential.Value, values[0]));
    }

    private static async Task<IResult> SetVendorVariationAsync(RouteVendor target, HttpContext context, MockAdmin admin, MockAccountsOptions options)
    {
        var (values, problem) = await AdminBody.ReadStringsAsync(context, options.MaxBodyBytes, "variation").ConfigureAwait(false);
        var set = problem is null ? await admin.SetVariationAsync(target.Contract, null, values[0]).ConfigureAwait(false) : problem;
        return set.Value is { } variation ? TypedResults.Ok(new VariationSelectionDto(target.Contract.Name, null, variation)) : new ProblemResult(set.Problem!);
    }

    private static async Task<IResult> SetTokenVariationAsync(RouteVendor target, RouteToken credential, HttpContext context, MockAdmin admin, MockAccountsOptions options)
    {
        var (values, problem) = await AdminBody.ReadStringsAsync(context, options.MaxBodyBytes, "variation").ConfigureAwait(false);
        var set = problem is null ? await admin.SetVariationAsync(target.Contract, credential.Value, values[0]).ConfigureAwait(false) : problem;
        return set.Value is { } variation ? TypedResults.Ok(new VariationSelectionDto(target.Contract.Name, credential.Value, variation)) : new ProblemResult(set.Problem!);
    }

    private static async Task<IResult> SetTokenVariantAsync(RouteVendor target, RouteToken credential, HttpContext context, MockAdmin admin, MockAccountsOptions options)
    {
        var (values, problem) = await AdminBody.ReadStringsAsync(context, options.MaxBodyBytes, "variant").ConfigureAwait(false);
        problem ??= await admin.SetTokenVariantAsync(target.Contract, credential.Value, values[0]).ConfigureAwait(false);
        return problem is not null ? new ProblemResult(problem) : TypedResults.Ok(new TokenVariantDto(target.Contract.Name, credential.Value, values[0]));
    }

    private static async Task<IResult> BindFromBodyAsync(RouteVendor target, HttpContext context, MockAdmin admin, MockAccountsOptions options)
    {
        var (values, problem) = await AdminBody.ReadStringsAsync(context, options.MaxBodyBytes, "token", "scenario").ConfigureAwait(false);
        problem ??= await admin.BindTokenAsync(target.Contract, values[0], values[1]).ConfigureAwait(false);
        return problem is not null ? new ProblemResult(problem) : TypedResults.Ok(new TokenBindingDto(target.Contract.Name, values[0], values[1]));
    }

    private static async Task<IResult> Unbind(RouteVendor target, RouteToken credential, MockAdmin admin) =>
        await admin.UnbindTokenAsync(target.Contract, credential.Value).ConfigureAwait(false) is { } problem ? new ProblemResult(problem) : TypedResults.NoContent();

    private static async Task<Ok<AccountDto>> Account(RouteVendor target, RouteToken credential, MockAdmin admin) =>
        TypedResults.Ok(ToDto(await admin.DescribeAccountAsync(target.Contract, credential.Value).ConfigureAwait(false)));

    private static async Task<IResult> EditAccountAsync(RouteVendor target, RouteToken credential, HttpContext context, MockAdmin admin, MockAccountsOptions options)
    {
        var (patch, problem) = await AdminBody.ReadAsync(context, options.MaxBodyBytes).ConfigureAwait(false);
        if (problem is not null)
        {
            return new ProblemResult(problem);
        }

        var edited = await admin.EditAccountAsync(target.Contract, credential.Value, patch).ConfigureAwait(false);
        return edited.Value is { } account ? TypedResults.Ok(ToDto(account)) : new ProblemResult(edited.Problem!);
    }

    private static async Task<IResult> ClearAccount(RouteVendor target, RouteToken credential, MockAdmin admin) =>
        await admin.ClearAccountAsync(target.Contract, credential.Value).ConfigureAwait(false) is { } problem ? new ProblemResult(problem) : TypedResults.NoContent();

    private static ScenarioInfoDto[] Scenarios(VariantContract variant) =>
        variant.Catalogue.Scenarios.Select(s => new ScenarioInfoDto(
            s.Name, s.Description, s.Status, s.IsSequence, s.Steps.Select(p => p.Status).ToArray(), s.Group.ToString().ToLowerInvariant(),
            s.Steps[0].Fault is { } fault ? Outcomes.Of(fault) : null, s.Steps.Select(Answer).ToArray())).ToArray();

    /// <summary>A reset or closed connection sends no status: the step answers with its fault, not the status it never sends.</summary>
    private static string Answer(ResponseStep step) =>
        step.Fault is { } fault && Outcomes.SendsNoStatus(fault) ? Outcomes.Of(fault) : step.Status.ToString(CultureInfo.InvariantCulture);

    private static string[] Endpoints(VariantContract variant, string vendor) =>
        variant.Operations.SelectMany(o => new[] { $"{o.Method} {o.Path}", $"{o.Method} /{vendor}{o.Path}" }).ToArray();

    private static AccountDto ToDto(AccountView account) => new(
        account.Variant.Vendor, account.Variant.Name, account.Token, account.Scenario, account.Response.Status,
        account.Response.Headers.ToDictionary(h => h.Key, h => h.Value, StringComparer.OrdinalIgnoreCase),
        account.Response.Body.Length == 0 ? null : JsonNode.Parse(account.Response.Body), Name(account.Variation));

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
}
