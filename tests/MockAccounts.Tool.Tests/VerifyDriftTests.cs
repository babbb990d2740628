using System.Text.Json.Nodes;
using FluentAssertions;
using Microsoft.AspNetCore.Http;

namespace MockAccounts.Tool.Tests;

/// <summary>
/// Stand-in providers on loopback, each serving one known drift: each is reported once, with the pointer into
/// the response and the pointer into the contract, its suggestion, and exit code 1.
/// </summary>
[Parallelizable(ParallelScope.All)]
[CancelAfter(60_000)]
public sealed class VerifyDriftTests
{
    public static IEnumerable<TestCaseData> OneDriftEach()
    {
        yield return new TestCaseData("ultravox", (Action<JsonObject>)(b => b["region"] = "eu-west"), true,
            "unknown-property", "body", "/region", "/components/schemas/Account/properties", "declare property \"region\" (string) in the properties")
            .SetName("An extra property is reported at its pointer");
        yield return new TestCaseData("runloop", (Action<JsonObject>)(b => b["account_status"] = "ACCOUNT_STATUS_SUSPENDED"), true,
            "enum-value", "body", "/account_status", "/components/schemas/AccountView/properties/account_status/enum", "add \"ACCOUNT_STATUS_SUSPENDED\" to the enum")
            .SetName("A new enum value is reported at its pointer");
        yield return new TestCaseData("runloop", (Action<JsonObject>)(b => b.Remove("name")), true,
            "missing-required", "body", "/name", "/components/schemas/AccountView/required", "make \"name\" optional")
            .SetName("A missing required field is reported at its pointer");
        yield return new TestCaseData("ultravox", (Action<JsonObject>)(b => b["name"] = null), true,
            "null-not-allowed", "body", "/name", "/components/schemas/Account/properties/name/type", "allow null")
            .SetName("Null where not nullable is reported at its pointer");
        yield return new TestCaseData("ultravox", (Action<JsonObject>)(b => b["activeCalls"] = 1.5m), true,
            "integer-fraction", "body", "/activeCalls", "/components/schemas/Account/properties/activeCalls/type", "widen the type to \"number\"")
            .SetName("A fraction where an integer is declared is reported at its pointer");
        yield return new TestCaseData("ultravox", (Action<JsonObject>)(_ => { }), false,
            "header-missing", "headers", "WWW-Authenticate", "/paths/~1api~1accounts~1me/get/responses/401/headers/WWW-Authenticate/required", "make header WWW-Authenticate optional")
            .SetName("A 401 without its documented header is reported once");
    }

    [TestCaseSource(nameof(OneDriftEach))]
    public async Task Each_drift_is_reported_once_with_its_pointers_and_exit_1(
        string vendor, Action<JsonObject> breakIt, bool challenge, string kind, string check, string at, string contractPointer, string suggestion)
    {
        await using var provider = vendor == "ultravox" ? await StandIns.UltravoxAsync(breakIt, challenge) : await StandIns.RunloopAsync(breakIt);

        var run = await ToolRun.RunAsync(StandIns.Verify(vendor, provider, "--format", "json"));

        run.Exit.Should().Be(1, run.Output + run.Error);
        var report = JsonNode.Parse(run.Output)!;
        var drift = report["drifts"]!.AsArray().Should().ContainSingle().Subject!;
        drift["kind"]!.GetValue<string>().Should().Be(kind);
        drift["check"]!.GetValue<string>().Should().Be(check);
        (drift["responsePointer"] ?? drift["header"])!.GetValue<string>().Should().Be(at);
        drift["contractPointer"]!.GetValue<string>().Should().Be(contractPointer);
        drift["contract"]!.GetValue<string>().Should().EndWith($"schemas/{vendor}/openapi.json#{contractPointer}");
        drift["suggestion"]!.GetValue<string>().Should().StartWith(suggestion);
        report["summary"]!["error"]!.GetValue<int>().Should().Be(0);
    }

    [TestCase("ultravox")]
    [TestCase("runloop")]
    public async Task A_stand_in_that_keeps_the_contract_shows_no_drift(string vendor)
    {
        await using var provider = vendor == "ultravox" ? await StandIns.UltravoxAsync() : await StandIns.RunloopAsync();

        var run = await ToolRun.RunAsync(StandIns.Verify(vendor, provider));

        run.Exit.Should().Be(0, run.Output + run.Error);
        provider.Received.Should().HaveCount(3, "one request with the credential, one without, one with a malformed one");
    }

    [Test]
    public async Task The_text_report_names_pointer_expectation_observation_and_suggestion()
    {
        await using var provider = await StandIns.RunloopAsync(b => b["account_status"] = "ACCOUNT_STATUS_SUSPENDED");

        var run = await ToolRun.RunAsync(StandIns.Verify("runloop", provider));

        run.Exit.Should().Be(1);
        run.Output.Should().Contain("GET /v1/accounts/me  with-credential       body          drift   #1");
        run.Output.Should().Contain("drift #1: enum-value at body /account_status");
        run.Output.Should().MatchRegex(@"expected  one of ""ACCOUNT_STATUS_INVALID"", .* \(\S*schemas/runloop/openapi.json#/components/schemas/AccountView/properties/account_status/enum\)");
        run.Output.Should().Contain("observed  \"ACCOUNT_STATUS_SUSPENDED\"");
        run.Output.Should().MatchRegex(@"suggest   add ""ACCOUNT_STATUS_SUSPENDED"" to the enum: \S*schemas/runloop/openapi.json#/components/schemas/AccountView/properties/account_status");
        run.Output.Should().EndWith("1 distinct drift. Exit 1 (drift found).\n");
    }

    [Test]
    public async Task The_junit_report_fails_the_check_that_drifted()
    {
        await using var provider = await StandIns.UltravoxAsync(b => b["activeCalls"] = 2.5m);

        var run = await ToolRun.RunAsync(StandIns.Verify("ultravox", provider, "--format", "junit"));

        run.Exit.Should().Be(1);
        var cases = System.Xml.Linq.XDocument.Parse(run.Output).Descendants("testcase").ToArray();
        var failed = cases.Should().ContainSingle(c => c.Elements("failure").Any()).Subject;
        failed.Attribute("name")!.Value.Should().Be("with-credential body");
        failed.Element("failure")!.Attribute("message")!.Value.Should().Be("integer-fraction at body /activeCalls");
        cases.Should().HaveCount(12);
    }

    [Test]
    public async Task Observed_values_are_masked_unless_shown_and_the_credential_never_appears()
    {
        const string Credential = "rl_secret_credential_0042";
        await using var provider = await StandIns.RunloopAsync(b =>
        {
            b["nickname"] = "Jane Doe";
            b["echo"] = $"token {Credential} seen";
            b["tier"] = "ACCOUNT_TIER_GOLD";
        });

        var masked = await ToolRun.RunAsync("verify", "runloop", "--base-url", provider.Url, "--credential", Credential);
        var shown = await ToolRun.RunAsync("verify", "runloop", "--base-url", provider.Url, "--credential", Credential, "--show-values", "--format", "json");

        masked.Output.Should().Contain("observed  a string of 8 characters").And.NotContain("Jane Doe");
        masked.Output.Should().Contain("observed  \"ACCOUNT_TIER_GOLD\"", "an enum value is a category, not data: it is shown");
        shown.Output.Should().Contain("\\\"Jane Doe\\\"").And.Contain("token ****");
        (masked.Output + masked.Error + shown.Output + shown.Error).Should().NotContain(Credential);
    }

    [Test]
    public async Task A_success_without_a_credential_is_drift()
    {
        await using var provider = await StandIns.RunloopAsync(unauthenticated: c => StandInProvider.JsonAsync(c, 200, VendorBodies.RunloopAccount().ToJsonString()));

        var run = await ToolRun.RunAsync(StandIns.Verify("runloop", provider, "--format", "json"));

        run.Exit.Should().Be(1);
        var drift = JsonNode.Parse(run.Output)!["drifts"]!.AsArray().Should().ContainSingle().Subject!;
        drift["kind"]!.GetValue<string>().Should().Be("auth-not-enforced");
        drift["seenIn"]!.AsArray().Select(s => s!.GetValue<string>()).Should().Equal("GET /v1/accounts/me without-credential status", "GET /v1/accounts/me malformed-credential status");
        drift["writable"]!.GetValue<bool>().Should().BeFalse();
    }

    [Test]
    public async Task An_undocumented_status_is_drift_suggesting_the_schema_its_body_keeps()
    {
        await using var provider = await StandInProvider.StartAsync(c => StandInProvider.HasCredential(c, "Authorization")
            ? StandInProvider.JsonAsync(c, 200, """{"data": {"id": 7, "name": "Ann Lee", "email": "ann@example.com", "company": null, "phone": null, "address1": "1 Main St", "address2": null, "city": "Springfield", "state": "IL", "postcode": "62701", "country": "US", "currency_code": "USD", "status": "active", "created_at": "2024-01-02T03:04:05Z"}}""")
            : StandInProvider.JsonAsync(c, 403, """{"message": "Forbidden."}"""));

        var run = await ToolRun.RunAsync("verify", "opterius", "--base-url", provider.Url, "--credential", "op_token", "--format", "json");

        run.Exit.Should().Be(1, run.Output);
        var drift = JsonNode.Parse(run.Output)!["drifts"]!.AsArray().Should().ContainSingle().Subject!;
        drift["kind"]!.GetValue<string>().Should().Be("undocumented-status");
        drift["observed"]!.GetValue<string>().Should().Be("403");
        drift["contractPointer"]!.GetValue<string>().Should().Be("/paths/~1api~1v1~1me/get/responses");
        drift["suggestion"]!.GetValue<string>().Should().StartWith("document status 403 with the body #/components/schemas/Error");
    }

    [Test]
    public async Task A_body_under_another_content_type_is_drift()
    {
        await using var provider = await StandInProvider.StartAsync(async c =>
        {
            if (!StandInProvider.HasCredential(c, "Authorization"))
            {
                await StandInProvider.JsonAsync(c, 401, VendorBodies.RunloopError().ToJsonString());
                return;
            }

            c.Response.ContentType = "text/plain; charset=utf-8";
            await c.Response.WriteAsync(VendorBodies.RunloopAccount().ToJsonString());
        });

        var run = await ToolRun.RunAsync(StandIns.Verify("runloop", provider, "--format", "json"));

        run.Exit.Should().Be(1);
        var drift = JsonNode.Parse(run.Output)!["drifts"]!.AsArray().Should().ContainSingle().Subject!;
        drift["kind"]!.GetValue<string>().Should().Be("content-type");
        drift["observed"]!.GetValue<string>().Should().Be("text/plain");
    }
}
