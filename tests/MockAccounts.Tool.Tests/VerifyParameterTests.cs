using System.Text.Json.Nodes;
using FluentAssertions;

namespace MockAccounts.Tool.Tests;

/// <summary>
/// A team's own vendor (the fifth-vendor test data, its account path given an <c>{org}</c> parameter): path
/// parameters from the contract's example or <c>--param</c>, the credential from <c>MOCKACCOUNTS_CREDENTIAL_ACME</c>.
/// </summary>
[Parallelizable(ParallelScope.All)]
[CancelAfter(60_000)]
public sealed class VerifyParameterTests
{
    private const string Credential = "acme_env_credential_7781";

    [OneTimeSetUp]
    public static void SetCredential() => Environment.SetEnvironmentVariable("MOCKACCOUNTS_CREDENTIAL_ACME", Credential);

    [OneTimeTearDown]
    public static void ClearCredential() => Environment.SetEnvironmentVariable("MOCKACCOUNTS_CREDENTIAL_ACME", null);

    [Test]
    public async Task A_path_parameter_takes_the_contracts_example_and_the_credential_comes_from_the_environment()
    {
        var contracts = Acme(example: "acme-corp");
        await using var provider = await AcmeStandInAsync();

        var run = await ToolRun.RunAsync("verify", "acme", "--base-url", provider.Url, "--contracts", contracts);

        run.Exit.Should().Be(0, run.Output + run.Error);
        provider.Received.Should().Equal("GET /v1/orgs/acme-corp/me", "GET /v1/orgs/acme-corp/me", "GET /v1/orgs/acme-corp/me");
        run.Output.Should().Contain("GET /v1/orgs/{org}/me  with-credential").And.NotContain(Credential);
    }

    [Test]
    public async Task Param_overrides_the_example()
    {
        var contracts = Acme(example: "acme-corp");
        await using var provider = await AcmeStandInAsync();

        var run = await ToolRun.RunAsync("verify", "acme", "--base-url", provider.Url, "--contracts", contracts, "--param", "org=other org");

        run.Exit.Should().Be(0, run.Output + run.Error);
        provider.Received.Should().AllBe("GET /v1/orgs/other%20org/me");
    }

    [Test]
    public async Task A_path_parameter_without_a_value_is_an_error_saying_how_to_give_one()
    {
        var contracts = Acme(example: null);
        await using var provider = await AcmeStandInAsync();

        var run = await ToolRun.RunAsync("verify", "acme", "--base-url", provider.Url, "--contracts", contracts);

        run.Exit.Should().Be(2);
        run.Output.Should().Contain("not sent: no value for the path parameter 'org': pass --param org=VALUE or give the parameter an example in the contract");
        provider.Received.Should().BeEmpty();
    }

    /// <summary>A copy of the fifth vendor whose account path takes an organisation.</summary>
    private static string Acme(string? example)
    {
        var contracts = Repository.CopyOf(Path.Combine(Repository.Root, "tests/MockAccounts.Core.Tests/TestData/fifth-vendor"));
        var file = Path.Combine(contracts, "schemas/acme/openapi.json");
        var contract = JsonNode.Parse(File.ReadAllText(file))!.AsObject();
        var paths = contract["paths"]!.AsObject();
        var item = paths["/v1/me"]!.DeepClone().AsObject();
        paths.Remove("/v1/me");
        var parameter = new JsonObject { ["name"] = "org", ["in"] = "path", ["required"] = true, ["schema"] = new JsonObject { ["type"] = "string" } };
        if (example is not null)
        {
            parameter["example"] = example;
        }

        item["parameters"] = new JsonArray(parameter);
        paths["/v1/orgs/{org}/me"] = item;
        File.WriteAllText(file, contract.ToJsonString());
        return contracts;
    }

    private static Task<StandInProvider> AcmeStandInAsync() =>
        StandInProvider.StartAsync(c => StandInProvider.HasCredential(c, "Authorization") && c.Request.Headers.Authorization.ToString() == $"Bearer {Credential}"
            ? StandInProvider.JsonAsync(c, 200, """{"id": "usr_abcdefgh12345678", "email": "dev@acme.example", "plan": "team", "created_at": "2025-06-01T12:00:00Z"}""")
            : StandInProvider.JsonAsync(c, 401, """{"error": "unauthorized"}"""));
}
