using System.Text.Json.Nodes;
using FluentAssertions;
using MockAccounts.AspNetCore.Admin;

namespace MockAccounts.Testing.Tests;

/// <summary>The typed admin client against an in-process server of its own.</summary>
[NonParallelizable]
public sealed class AdminClientTests
{
    [Test]
    public async Task Every_admin_call_works_through_the_typed_client()
    {
        // Matching on the whole Authorization header needs credentials kept in the journal.
        await using var mock = await MockAccountsServer.StartAsync(o => o.Journal.KeepCredentials = true);
        using var socketAdmin = new MockAccountsAdminClient(mock.BaseAddress);
        var admin = mock.Admin;

        (await socketAdmin.GetHealthAsync()).Status.Should().Be("healthy", "the same client works over sockets, as against a container");
        (await admin.GetVendorsAsync()).Vendors.Select(v => v.Name).Should().Equal("depicta", "opterius", "runloop", "ultravox");
        (await admin.GetVendorAsync("depicta")).Variants[0].Scenarios.Should().Contain(s => s.Name == "zero-balance");
        (await admin.GetOpenApiAsync("opterius", "v2.7.0"))["info"]!["title"].Should().NotBeNull();

        await admin.SetScenarioAsync("runloop", "trial");
        (await admin.GetScenariosAsync()).Scenarios.Single(s => s.Id == "runloop").State.Should().Be("trial");
        await admin.ResetScenariosAsync();
        (await admin.GetScenariosAsync()).Scenarios.Single(s => s.Id == "runloop").State.Should().Be("enabled");

        await admin.SetVariantAsync("opterius", "v2.7.0");
        (await admin.GetAccountAsync("opterius", "t")).Variant.Should().Be("v2.7.0");

        await admin.BindTokenAsync("ultravox", "key-1", "at-concurrency-limit");
        var edited = await admin.EditAccountAsync("ultravox", "key-1", new JsonObject { ["name"] = "Acme Voice" });
        edited.Body!["name"]!.GetValue<string>().Should().Be("Acme Voice");
        edited.Scenario.Should().Be("at-concurrency-limit");
        var refused = () => admin.EditAccountAsync("ultravox", "key-1", new JsonObject { ["activeCalls"] = "many" });
        (await refused.Should().ThrowAsync<MockAccountsAdminException>()).Which.Status.Should().Be(400);
        await admin.ClearAccountEditsAsync("ultravox", "key-1");
        await admin.UnbindTokenAsync("ultravox", "key-1");
        (await admin.GetAccountAsync("ultravox", "key-1")).Scenario.Should().Be("free-tier");

        var account = await mock.Vendor("runloop").CreateAccountAsync();
        using (var client = mock.CreateClient(account))
        {
            (await client.GetAsync("v1/accounts/me")).EnsureSuccessStatusCode();
            (await client.GetAsync("runloop/v1/accounts/me")).EnsureSuccessStatusCode();
        }

        (await admin.CountRequestsAsync(new RequestPatternDto(Method: "GET", UrlPathPattern: "(/runloop)?/v1/accounts/me"))).Should().Be(2);
        (await admin.CountRequestsAsync(new RequestPatternDto(Headers: new Dictionary<string, HeaderMatcherDto> { ["Authorization"] = new(EqualTo: $"Bearer {account.Token}") }))).Should().Be(2);
        (await admin.FindRequestsAsync(new RequestPatternDto(UrlPath: "/runloop/v1/accounts/me"))).Should().ContainSingle();
        (await admin.GetRequestsAsync(limit: 1)).Requests.Should().ContainSingle().Which.Request.Url.Should().Be("/runloop/v1/accounts/me");
        await admin.ClearRequestsAsync();
        (await admin.GetRequestsAsync()).Requests.Should().BeEmpty();

        await admin.ResetAsync();
        (await admin.GetAccountAsync("opterius", "t")).Variant.Should().Be("documented");
    }

    [Test]
    public async Task Refusals_carry_the_servers_explanation()
    {
        var unknown = () => Mock.Server.Admin.BindTokenAsync("runloop", "t", "no-such-scenario");

        var error = (await unknown.Should().ThrowAsync<MockAccountsAdminException>()).Which;
        error.Status.Should().Be(400);
        error.Message.Should().Contain("'runloop' has no scenario 'no-such-scenario' (scenarios: enabled,");
        var vendor = () => Mock.Server.Vendor("nobody");
        vendor.Should().Throw<ArgumentException>().WithMessage("Unknown vendor 'nobody' (vendors: depicta, opterius, runloop, ultravox)*");
    }

    [Test]
    public async Task A_token_with_a_slash_is_bound_read_back_and_unbound_through_the_typed_client()
    {
        var token = $"rl_{Guid.NewGuid():N}/x+y==";
        using var socketAdmin = new MockAccountsAdminClient(Mock.Server.BaseAddress);

        await Mock.Server.Admin.BindTokenAsync("runloop", token, "quota-reached");

        (await socketAdmin.GetAccountAsync("runloop", token)).Scenario.Should().Be("quota-reached");
        using var vendor = new HttpClient(Mock.Server.CreateHandler()) { BaseAddress = Mock.Server.BaseAddress };
        vendor.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        var body = System.Text.Json.Nodes.JsonNode.Parse(await vendor.GetStringAsync("v1/accounts/me"))!;
        body["account_status"]!.GetValue<string>().Should().Be("ACCOUNT_STATUS_DISABLED_QUOTA_REACHED", "the vendor sees the very token that was bound");
        await socketAdmin.UnbindTokenAsync("runloop", token);
        (await socketAdmin.GetAccountAsync("runloop", token)).Scenario.Should().NotBe("quota-reached");
    }
}
