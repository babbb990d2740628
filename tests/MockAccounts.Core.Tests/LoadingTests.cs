using FluentAssertions;
using Microsoft.OpenApi;
using Microsoft.OpenApi.Reader;

namespace MockAccounts.Core.Tests;

public sealed class LoadingTests
{
    private static IEnumerable<string> OpenApiFiles() =>
        Directory.GetFiles(Path.Combine(Contracts.RepositoryRoot, "schemas"), "openapi.json", SearchOption.AllDirectories)
            .Order(StringComparer.Ordinal)
            .Select(f => Path.GetRelativePath(Contracts.RepositoryRoot, f));

    [Test]
    public void All_four_vendors_and_both_opterius_variants_load()
    {
        Contracts.Engine.Contracts.Vendors.Keys.Should().BeEquivalentTo("depicta", "opterius", "runloop", "ultravox");
        Contracts.Engine.Contracts.Vendors["opterius"].Variants.Keys.Should().BeEquivalentTo("documented", "v2.7.0");
        Contracts.Engine.Contracts.RouteConflicts.Should().BeEmpty();
    }

    [TestCaseSource(nameof(OpenApiFiles))]
    public void Openapi_document_has_no_diagnostics_and_every_ref_resolves(string file)
    {
        var text = File.ReadAllText(Path.Combine(Contracts.RepositoryRoot, file));
        var read = OpenApiDocument.Parse(text, "json", new OpenApiReaderSettings());

        read.Diagnostic!.SpecificationVersion.Should().Be(OpenApiSpecVersion.OpenApi3_1);
        read.Diagnostic.Errors.Should().BeEmpty();
        read.Diagnostic.Warnings.Should().BeEmpty("an unresolved $ref is reported as a warning");
        read.Document!.Validate(ValidationRuleSet.GetDefaultRuleSet()).Should().BeEmpty();
    }

    [Test]
    public void Vendor_endpoints_follow_the_seeds()
    {
        var routes = Contracts.Engine.Contracts.Vendors.Values
            .ToDictionary(v => v.Name, v => v.Documented.Account.Display);

        routes.Should().BeEquivalentTo(new Dictionary<string, string>
        {
            ["runloop"] = "GET /v1/accounts/me",
            ["opterius"] = "GET /api/v1/me",
            ["depicta"] = "GET /v1/account/profile",
            ["ultravox"] = "GET /api/accounts/me",
        });
    }

    [Test]
    public void Depicta_declares_its_follow_up_calls_as_actions()
    {
        var depicta = Contracts.Engine.Variant("depicta");

        depicta.FindOperation("POST", "/v1/account/notifications/dismiss")!.Action!.Set
            .Should().ContainKey("/user/pending_credit_notice");
        var patch = depicta.FindOperation("PATCH", "/v1/account/profile")!;
        patch.Action!.MergeBodyAt.Should().Be("/user");
        patch.RequestBody.Should().NotBeNull();
    }

    [Test]
    public void Ultravox_accepts_either_api_key_header()
    {
        var security = Contracts.Engine.Variant("ultravox").Account.Security;

        security.Select(s => s.Single().HeaderName).Should().BeEquivalentTo("X-API-Key", "X-Unsafe-API-Key");
    }
}
