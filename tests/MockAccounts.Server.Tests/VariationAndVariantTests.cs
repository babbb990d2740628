using System.Net.Http.Json;
using System.Text.Json.Nodes;
using FluentAssertions;
using Microsoft.Extensions.Options;
using MockAccounts.AspNetCore.Hosting;

namespace MockAccounts.Server.Tests;

/// <summary>Edge variation, per-token and per-request variants, and credential shapes, over real HTTP.</summary>
[Parallelizable(ParallelScope.All)]
public sealed class VariationAndVariantTests
{
    private static RunningServer Server => SharedServer.Instance;

    private static HttpRequestMessage Edges(string vendor, string token)
    {
        var request = Calls.Account(Server, vendor, token);
        request.Headers.TryAddWithoutValidation("Prefer", "variation=edges");
        return request;
    }

    [TestCase("runloop")]
    [TestCase("opterius")]
    [TestCase("depicta")]
    [TestCase("ultravox")]
    public async Task Prefer_variation_edges_walks_valid_bodies_that_differ_request_by_request(string vendor)
    {
        var token = Calls.NewToken("edges");
        var bodies = new List<string>();
        for (var i = 0; i < 6; i++)
        {
            // ContractCheckingHandler validates each one against the vendor's contract.
            var (status, body, _) = await Calls.SendAsync(Server.Client, Edges(vendor, token));
            status.Should().Be(200);
            bodies.Add(body!.ToJsonString());
        }

        bodies.Distinct().Should().HaveCountGreaterThan(3, "successive requests walk different edges");
        var (_, realistic, _) = await Calls.SendAsync(Server.Client, Calls.Account(Server, vendor, token));
        var (_, again, _) = await Calls.SendAsync(Server.Client, Calls.Account(Server, vendor, token));
        realistic!.ToJsonString().Should().Be(again!.ToJsonString(), "without the preference the token's body is realistic and stable");
    }

    [Test]
    public async Task A_token_set_to_edges_keeps_its_scenario()
    {
        var token = Calls.NewToken("quota");
        await Calls.BindAsync(Server, "runloop", token, "quota-reached");
        using var set = await Server.Client.PutAsJsonAsync($"/__admin/vendors/runloop/tokens/{token}/variation", new { variation = "edges" });
        set.EnsureSuccessStatusCode();

        var bodies = new List<JsonNode>();
        for (var i = 0; i < 5; i++)
        {
            var (status, body, _) = await Calls.SendAsync(Server.Client, Calls.Account(Server, "runloop", token));
            status.Should().Be(200);
            body!["account_status"]!.GetValue<string>().Should().Be("ACCOUNT_STATUS_DISABLED_QUOTA_REACHED");
            bodies.Add(body);
        }

        bodies.Select(b => b.ToJsonString()).Distinct().Should().HaveCountGreaterThan(1);
        var account = await Server.Client.GetFromJsonAsync<JsonNode>($"/__admin/vendors/runloop/tokens/{token}/account");
        account!["variation"]!.GetValue<string>().Should().Be("edges");
    }

    [Test]
    public async Task An_unknown_variation_is_a_clear_400()
    {
        var request = Calls.Account(Server, "depicta", Calls.NewToken("bad"));
        request.Headers.TryAddWithoutValidation("Prefer", "variation=sideways");

        using var response = await Server.Client.SendAsync(request);

        var problem = await Calls.ProblemAsync(response, 400);
        problem["detail"]!.GetValue<string>().Should().Contain("sideways").And.Contain("realistic, edges");
    }

    [Test]
    public async Task Depicta_errors_carry_a_new_request_id_on_every_request()
    {
        var token = Calls.NewToken("reqid");
        await Calls.BindAsync(Server, "depicta", token, "not-found");

        var ids = new HashSet<string>();
        for (var i = 0; i < 4; i++)
        {
            var (status, body, _) = await Calls.SendAsync(Server.Client, Calls.Account(Server, "depicta", token));
            status.Should().Be(404);
            ids.Add(body!["request_id"]!.GetValue<string>());
        }

        ids.Should().HaveCount(4, "seed 003: request_id identifies a request");
    }

    [TestCase("X-API-Key")]
    [TestCase("X-Unsafe-API-Key")]
    public async Task An_ultravox_key_without_the_documented_shape_gets_the_invalid_key_401_with_a_challenge(string header)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/accounts/me");
        request.Headers.TryAddWithoutValidation(header, "not-a-real-key");

        var (status, body, response) = await Calls.SendAsync(Server.Client, request);

        status.Should().Be(401);
        body!["detail"]!.GetValue<string>().Should().Be("Incorrect authentication credentials.");
        response.Headers.WwwAuthenticate.Should().NotBeEmpty("Django REST Framework sends a challenge with every 401");
    }

    [Test]
    public async Task Opterius_v270_asked_per_request_refuses_a_lower_case_bearer_scheme()
    {
        var token = Calls.NewToken("optcase");
        var lower = new HttpRequestMessage(HttpMethod.Get, "/api/v1/me");
        lower.Headers.TryAddWithoutValidation("Authorization", $"bearer {token}");
        lower.Headers.TryAddWithoutValidation("Prefer", "variant=v2.7.0");
        var documented = new HttpRequestMessage(HttpMethod.Get, "/api/v1/me");
        documented.Headers.TryAddWithoutValidation("Authorization", $"bearer {token}");

        var (status, body, _) = await Calls.SendAsync(Server.Client, lower);
        var (documentedStatus, documentedBody, _) = await Calls.SendAsync(Server.Client, documented);

        status.Should().Be(401);
        body!.ToJsonString().Should().Be("""{"error":"Unauthenticated."}""");
        documentedStatus.Should().Be(200);
        documentedBody!["data"].Should().NotBeNull("the documented contract wraps the client in data");
    }

    [Test]
    public async Task A_token_bound_to_a_variant_gets_that_variants_body()
    {
        var token = Calls.NewToken("optvar");
        using var set = await Server.Client.PutAsJsonAsync($"/__admin/vendors/opterius/tokens/{token}/variant", new { variant = "v2.7.0" });
        set.EnsureSuccessStatusCode();

        var (status, body, _) = await Calls.SendAsync(Server.Client, Calls.Account(Server, "opterius", token));
        var (_, other, _) = await Calls.SendAsync(Server.Client, Calls.Account(Server, "opterius", Calls.NewToken("optdoc")));

        status.Should().Be(200);
        body!.AsObject().ContainsKey("country_code").Should().BeTrue();
        body["data"].Should().BeNull("v2.7.0 answers flat");
        other!["data"].Should().NotBeNull("other tokens keep the vendor's variant");
    }

    [Test]
    public async Task The_vendor_listing_says_the_opterius_variant_differs_and_how_to_pick_it()
    {
        var vendors = await Server.Client.GetFromJsonAsync<JsonNode>("/__admin/vendors");
        var opterius = vendors!["vendors"]!.AsArray().Single(v => v!["name"]!.GetValue<string>() == "opterius")!;
        var note = opterius["notes"]!.AsArray().Single()!.GetValue<string>();

        note.Should().Contain("v2.7.0").And.Contain("MockAccounts__Variants__opterius=v2.7.0").And.Contain("Prefer: variant=v2.7.0").And.Contain("/tokens/");
        var described = await Server.Client.GetFromJsonAsync<JsonNode>("/__admin/vendors/opterius");
        var variant = described!["variants"]!.AsArray().Single(v => v!["name"]!.GetValue<string>() == "v2.7.0")!;
        variant["differs"]!.GetValue<string>().Should().Contain("case-sensitive");
        variant["choose"]!["request"]!.GetValue<string>().Should().Be("Prefer: variant=v2.7.0");
    }

    [Test]
    public async Task The_variant_chosen_at_start_up_is_served_and_an_unknown_one_names_the_setting()
    {
        await using (var server = await RunningServer.StartAsync(null, "--MockAccounts:Variants:opterius", "v2.7.0", "--MockAccounts:HotReload", "false"))
        {
            var (status, body, _) = await Calls.SendAsync(server.Client, Calls.Account(server, "opterius", Calls.NewToken("startup")));
            status.Should().Be(200);
            body!["data"].Should().BeNull("v2.7.0 is served from the start");
        }

        var start = async () => await RunningServer.StartAsync(null, "--MockAccounts:Variants:opterius", "v9", "--MockAccounts:HotReload", "false");
        (await start.Should().ThrowAsync<OptionsValidationException>()).Which.Message
            .Should().Contain("MockAccounts:Variants:opterius").And.Contain("documented, v2.7.0");
    }
}
