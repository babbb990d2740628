using FluentAssertions;
using MockAccounts.Core.Loading;

namespace MockAccounts.Core.Tests;

/// <summary>
/// Each folder under TestData/broken overlays one broken file on the fifth-vendor baseline; the
/// load must fail naming the file, the location and what was expected.
/// </summary>
public sealed class BrokenContractTests
{
    private const string Catalogue = "mocks/acme/scenarios.json";
    private const string OpenApi = "schemas/acme/openapi.json";

    private static IEnumerable<TestCaseData> Cases() =>
    [
        Case("json-syntax", Catalogue, "line 5, column", "not valid JSON"),
        Case("unknown-key", Catalogue, "/scenarios/0/overides", "expected no such property"),
        Case("undocumented-status", Catalogue, "/scenarios/1/status", "418 is not a documented response of GET /v1/me (documented: 200, 401)"),
        Case("unknown-enum-value", Catalogue, "/scenarios/1", "scenario 'gold' produces an invalid 200 response", "/plan: expected one of [free, team], actual \"gold\""),
        Case("invalid-override", Catalogue, "/scenarios/0", "/created_at: expected type string, actual 42"),
        Case("unknown-field", Catalogue, "/scenarios/0/overrides/emial", "'emial' is not a field of /components/schemas/Me (fields: id, email, plan, created_at)"),
        Case("unknown-step", Catalogue, "/scenarios/1/steps/0/scenario", "'server-error' is not a single-response scenario of this catalogue"),
        Case("unknown-default", Catalogue, "/default", "'enabled' is not a scenario of this catalogue (known: free, unauthorized)"),
        Case("unresolved-ref", OpenApi, "/paths/~1v1~1me/get/responses/401/content/application~1json/schema/$ref", "'#/components/schemas/Missing' does not point to an existing schema"),
        Case("unsupported-keyword", OpenApi, "/components/schemas/Me/properties/plan/oneOf", "keyword 'oneOf' is not supported"),
        Case("unknown-faker", OpenApi, "/components/schemas/Me/properties/email/x-mock/faker", "unknown faker 'internet.emial' (expected one of: person.fullName"),
        Case("broken-copy", Catalogue, "/scenarios/0", "cannot be generated: a hint reads '/nowhere', but the schema has no property 'nowhere' there"),
        Case("no-account-operation", OpenApi, "/paths", "expected exactly one operation with \"x-mock\": {\"role\": \"account\"}"),
        Case("openapi-3.0", OpenApi, "/openapi", "expected an OpenAPI 3.1 document, found '3.0.3'"),
    ];

    [TestCaseSource(nameof(Cases))]
    public async Task Broken_file_fails_the_load_with_file_location_and_expectation(string brokenCase, string file, string location, string[] messages)
    {
        var root = BrokenContract(brokenCase);

        var load = () => ContractLoader.LoadAsync(ContractSources.Under(root), Contracts.Options);

        var error = (await load.Should().ThrowAsync<ContractLoadException>()).Which;
        var match = error.Errors.Where(e => e.File.EndsWith(file, StringComparison.Ordinal) && e.Location.StartsWith(location, StringComparison.Ordinal)).ToArray();
        match.Should().NotBeEmpty($"an error at {file} {location} was expected, got:{Environment.NewLine}{error.Message}");
        foreach (var message in messages)
        {
            match.Should().Contain(e => e.Message.Contains(message, StringComparison.Ordinal), error.Message);
        }

        error.Message.Should().Contain(file).And.Contain(location);
    }

    [Test]
    public async Task One_broken_vendor_stops_the_whole_load_and_names_only_its_own_file()
    {
        var root = BrokenContract("undocumented-status");
        CopyDirectory(Contracts.TestData("fifth-vendor", "schemas", "acme"), Path.Combine(root, "schemas", "good"));
        CopyDirectory(Contracts.TestData("fifth-vendor", "mocks", "acme"), Path.Combine(root, "mocks", "good"));

        var load = () => ContractLoader.LoadAsync(ContractSources.Under(root), Contracts.Options);

        var error = (await load.Should().ThrowAsync<ContractLoadException>()).Which;
        error.Errors.Should().OnlyContain(e => e.File.Contains("acme", StringComparison.Ordinal));
    }

    [Test]
    public async Task A_vendor_without_a_catalogue_is_an_error()
    {
        var root = BrokenContract("json-syntax");
        File.Delete(Path.Combine(root, "mocks", "acme", "scenarios.json"));

        var load = () => ContractLoader.LoadAsync(ContractSources.Under(root), Contracts.Options);

        (await load.Should().ThrowAsync<ContractLoadException>()).Which.Message
            .Should().Contain("scenarios.json").And.Contain("every variant needs both openapi.json and scenarios.json");
    }

    private static TestCaseData Case(string name, string file, string location, params string[] messages) =>
        new TestCaseData(name, file, location, messages).SetName($"Broken contract: {name}");

    private static string BrokenContract(string brokenCase)
    {
        var root = Path.Combine(Path.GetTempPath(), "mockaccounts-tests", $"{brokenCase}-{Guid.NewGuid():N}");
        CopyDirectory(Contracts.TestData("fifth-vendor"), root);
        CopyDirectory(Contracts.TestData("broken", brokenCase), root);
        return root;
    }

    private static void CopyDirectory(string from, string to)
    {
        foreach (var file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target, overwrite: true);
        }
    }
}
