using System.Text.Json.Nodes;
using FluentAssertions;
using MockAccounts.Core.Generation;
using MockAccounts.Core.Loading;

namespace MockAccounts.Tool.Tests;

/// <summary>
/// <c>--write-variant</c> writes each drift's suggestion as a variant beside the contract, which loads and is
/// proven like any other, and under which <c>verify</c> is clean against the same service.
/// </summary>
[Parallelizable(ParallelScope.All)]
[CancelAfter(120_000)]
public sealed class WriteVariantTests
{
    [Test]
    public async Task Ultravox_drifts_become_a_variant_the_loader_proves_and_verify_holds_clean()
    {
        var contracts = Repository.CopyOf(Repository.Root);
        await using var provider = await StandIns.UltravoxAsync(b =>
        {
            b["region"] = "eu-west";
            b["name"] = null;
            b["activeCalls"] = 1.5m;
            b["billingUrl"] = "see the dashboard";
            b["allowedVoices"] = -1;
        }, challenge: false);

        var written = await ToolRun.RunAsync(StandIns.Verify("ultravox", provider, "--contracts", contracts, "--write-variant", "observed"));
        var loaded = await ContractLoader.LoadAsync(ContractSources.Under(contracts), GenerationOptions.StartingToday());
        var again = await ToolRun.RunAsync(StandIns.Verify("ultravox", provider, "--contracts", contracts, "--variant", "observed"));

        written.Exit.Should().Be(1, written.Output + written.Error);
        written.Error.Should().Contain($"wrote variant 'observed' (6 changes), proven: {Path.Combine(contracts, "schemas/ultravox/variants/observed/openapi.json")}, {Path.Combine(contracts, "mocks/ultravox/variants/observed/scenarios.json")}");
        loaded.Find("ultravox")!.Variants.Keys.Should().Equal("documented", "observed");
        loaded.Find("ultravox")!.Variants["observed"].Summary.Should().StartWith("Observed behaviour, written by mockaccounts verify --write-variant from what http://127.0.0.1:");
        again.Exit.Should().Be(0, again.Output + again.Error);
    }

    [Test]
    public async Task Runloop_drifts_become_a_variant_under_which_verify_is_clean()
    {
        var contracts = Repository.CopyOf(Repository.Root);
        await using var provider = await StandIns.RunloopAsync(b =>
        {
            b["account_status"] = "ACCOUNT_STATUS_SUSPENDED";
            b.Remove("name");
            b["billing"]!["stripe"]!["payment_method"] = new JsonObject { ["brand"] = "visa", ["last4"] = "4242", ["wallet"] = new JsonObject() };
            b["labels"] = new JsonArray("a", 1, 2.5);
        });

        var written = await ToolRun.RunAsync(StandIns.Verify("runloop", provider, "--contracts", contracts, "--write-variant", "observed-2026"));
        var again = await ToolRun.RunAsync(StandIns.Verify("runloop", provider, "--contracts", contracts, "--variant", "observed-2026"));

        written.Exit.Should().Be(1, written.Error);
        written.Error.Should().Contain("wrote variant 'observed-2026' (4 changes), proven");
        again.Exit.Should().Be(0, again.Output + again.Error);
        var variant = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(contracts, "schemas/runloop/variants/observed-2026/openapi.json")))!;
        variant["components"]!["schemas"]!["AccountView"]!["properties"]!["account_status"]!["enum"]!.AsArray()
            .Select(v => v!.GetValue<string>()).Should().EndWith("ACCOUNT_STATUS_SUSPENDED");
        variant["components"]!["schemas"]!["AccountView"]!["required"]!.AsArray().Select(v => v!.GetValue<string>()).Should().NotContain("name");
        var catalogue = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(contracts, "mocks/runloop/variants/observed-2026/scenarios.json")))!;
        catalogue["$schema"]!.GetValue<string>().Should().Be("../../../../schemas/scenario-catalogue.schema.json");
    }

    [Test]
    public async Task An_undocumented_status_becomes_a_documented_one_with_the_schema_its_body_keeps()
    {
        var contracts = Repository.CopyOf(Repository.Root);
        await using var provider = await StandInProvider.StartAsync(c => StandInProvider.HasCredential(c, "Authorization")
            ? StandInProvider.JsonAsync(c, 200, """{"data": {"id": 7, "name": "Ann Lee", "email": "ann@example.com", "company": null, "phone": null, "address1": "1 Main St", "address2": null, "city": "Springfield", "state": "IL", "postcode": "62701", "country": "US", "currency_code": "USD", "status": "active", "created_at": "2024-01-02T03:04:05Z"}}""")
            : StandInProvider.JsonAsync(c, 403, """{"message": "Forbidden."}"""));

        var written = await ToolRun.RunAsync("verify", "opterius", "--base-url", provider.Url, "--credential", "op_token", "--contracts", contracts, "--write-variant", "forbids");
        var again = await ToolRun.RunAsync("verify", "opterius", "--base-url", provider.Url, "--credential", "op_token", "--contracts", contracts, "--variant", "forbids");

        written.Exit.Should().Be(1, written.Error);
        again.Exit.Should().Be(0, again.Output + again.Error);
        var variant = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(contracts, "schemas/opterius/variants/forbids/openapi.json")))!;
        variant["paths"]!["/api/v1/me"]!["get"]!["responses"]!["403"]!["content"]!["application/json"]!["schema"]!["$ref"]!.GetValue<string>().Should().Be("#/components/schemas/Error");
    }

    [Test]
    public async Task A_variant_is_not_written_into_the_tools_built_in_copies()
    {
        await using var provider = await StandIns.RunloopAsync(b => b["tier"] = "ACCOUNT_TIER_GOLD");

        var run = await ToolRun.RunAsync(StandIns.Verify("runloop", provider, "--write-variant", "observed"));

        run.Exit.Should().Be(2);
        run.Error.Should().Contain("--write-variant writes beside the vendor's contract, and runloop's is the tool's built-in copy: pass --contracts DIR");
        Directory.Exists(Path.Combine(AppContext.BaseDirectory, "schemas/runloop/variants/observed")).Should().BeFalse();
    }

    [Test]
    public async Task A_variant_name_that_is_taken_is_refused()
    {
        var contracts = Repository.CopyOf(Repository.Root);
        await using var provider = await StandInProvider.StartAsync(c => StandInProvider.JsonAsync(c, 401, """{"message": "Unauthenticated.", "hint": "x"}"""));

        var run = await ToolRun.RunAsync("verify", "opterius", "--base-url", provider.Url, "--credential", "op_token", "--contracts", contracts, "--write-variant", "v2.7.0");

        run.Exit.Should().Be(2);
        run.Error.Should().Contain($"--write-variant 'v2.7.0': {Path.Combine(contracts, "schemas/opterius/variants/v2.7.0")} exists already; pick another name or remove it");
    }
}
