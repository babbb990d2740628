using System.Net.Http.Json;
using System.Text.Json.Nodes;
using FluentAssertions;

namespace MockAccounts.Server.Tests;

/// <summary>Every admin endpoint, with good and bad input, on a server of its own.</summary>
[NonParallelizable]
public sealed class AdminApiTests
{
    private RunningServer _server = null!;

    private HttpClient Client => _server.Client;

    [OneTimeSetUp]
    // WireMock-style header matching on whole tokens: this server keeps credentials in its journal.
    public async Task StartAsync() => _server = await RunningServer.StartAsync(null, "--MockAccounts:Journal:KeepCredentials=true");

    [OneTimeTearDown]
    public async Task StopAsync() => await _server.DisposeAsync();

    [SetUp]
    public async Task ResetAsync() => (await Client.PostAsync("/__admin/reset", null)).EnsureSuccessStatusCode();

    [Test]
    public async Task Health_reports_contracts_journal_and_memory()
    {
        var health = await Client.GetFromJsonAsync<JsonNode>("/__admin/health");

        health!["status"]!.GetValue<string>().Should().Be("healthy");
        health["contracts"]!["vendors"]!.GetValue<int>().Should().Be(4);
        health["journal"]!["capacity"]!.GetValue<int>().Should().Be(10_000);
        var memory = health["memory"]!;
        memory["workingSetBytes"]!.GetValue<long>().Should().BeGreaterThan(memory["heapBytes"]!.GetValue<long>());
        memory["committedBytes"]!.GetValue<long>().Should().BeGreaterThan(0);
        memory["gen0Collections"]!.GetValue<int>().Should().BeGreaterThanOrEqualTo(memory["gen2Collections"]!.GetValue<int>());
    }

    [Test]
    public async Task Scenarios_list_each_vendor_with_its_states_and_switch()
    {
        var before = await Client.GetFromJsonAsync<JsonNode>("/__admin/scenarios");
        var runloop = before!["scenarios"]!.AsArray().Single(s => s!["id"]!.GetValue<string>() == "runloop")!;
        runloop["state"]!.GetValue<string>().Should().Be("enabled");
        runloop["possibleStates"]!.AsArray().Select(s => s!.GetValue<string>()).Should().Contain(["quota-reached", "flaky"]);

        (await Client.PutAsJsonAsync("/__admin/scenarios/runloop/state", new { state = "quota-reached" })).EnsureSuccessStatusCode();

        var after = await Client.GetFromJsonAsync<JsonNode>("/__admin/scenarios");
        after!["scenarios"]!.AsArray().Single(s => s!["id"]!.GetValue<string>() == "runloop")!["state"]!.GetValue<string>().Should().Be("quota-reached");
        var (_, body, _) = await Calls.SendAsync(Client, Calls.Account(_server, "runloop", "any"));
        body!["account_status"]!.GetValue<string>().Should().Be("ACCOUNT_STATUS_DISABLED_QUOTA_REACHED");
    }

    [TestCase("/__admin/scenarios/runloop/state", "{\"state\": \"nope\"}", 400, "'runloop' has no scenario 'nope' (scenarios: enabled, onboarding")]
    [TestCase("/__admin/scenarios/nobody/state", "{\"state\": \"enabled\"}", 404, "No vendor 'nobody' (vendors: depicta, opterius, runloop, ultravox)")]
    [TestCase("/__admin/scenarios/runloop/state", "{\"state\": 5}", 400, "Expected {\"state\": \"<name>\"}")]
    [TestCase("/__admin/scenarios/runloop/state", "{\"state\": ", 400, "The body is not valid JSON")]
    [TestCase("/__admin/vendors/runloop/tokens/t1/scenario", "{\"scenario\": \"nope\"}", 400, "'runloop' has no scenario 'nope'")]
    [TestCase("/__admin/vendors/runloop/tokens/t1/scenario", "[\"enabled\"]", 400, "Expected {\"scenario\": \"<name>\"}")]
    [TestCase("/__admin/vendors/nobody/tokens/t1/scenario", "{\"scenario\": \"enabled\"}", 404, "No vendor 'nobody'")]
    [TestCase("/__admin/vendors/opterius/variant", "{\"variant\": \"v9\"}", 400, "'opterius' has no variant 'v9' (variants: documented, v2.7.0)")]
    public async Task Bad_admin_input_is_a_problem_naming_what_is_valid(string path, string body, int status, string detail)
    {
        var response = await Client.PutAsync(path, Calls.Json(body));

        var problem = await Calls.ProblemAsync(response, status);
        problem["detail"]!.GetValue<string>().Should().Contain(detail);
    }

    [Test]
    public async Task A_state_put_without_a_body_resets_that_vendor_only_as_in_wiremock()
    {
        (await Client.PutAsJsonAsync("/__admin/scenarios/runloop/state", new { state = "trial" })).EnsureSuccessStatusCode();
        (await Client.PutAsJsonAsync("/__admin/scenarios/depicta/state", new { state = "zero-balance" })).EnsureSuccessStatusCode();

        (await Client.PutAsync("/__admin/scenarios/runloop/state", null)).EnsureSuccessStatusCode();

        var states = (await Client.GetFromJsonAsync<JsonNode>("/__admin/scenarios"))!["scenarios"]!.AsArray()
            .ToDictionary(s => s!["id"]!.GetValue<string>(), s => s!["state"]!.GetValue<string>());
        states["runloop"].Should().Be("enabled");
        states["depicta"].Should().Be("zero-balance");
    }

    [Test]
    public async Task Journal_entries_can_be_removed_one_by_one_or_by_pattern_and_unmatched_ones_listed()
    {
        await Calls.SendAsync(Client, Calls.Account(_server, "runloop", "keep"));
        await Calls.SendAsync(Client, Calls.Account(_server, "opterius", "drop"));
        await Client.GetAsync("/v1/nowhere");

        var unmatched = await Client.GetFromJsonAsync<JsonNode>("/__admin/requests/unmatched");
        unmatched!["requests"]!.AsArray().Should().ContainSingle().Which!["url"]!.GetValue<string>().Should().Be("/v1/nowhere");

        var removed = await (await Client.PostAsJsonAsync("/__admin/requests/remove", new { urlPath = "/api/v1/me" })).Content.ReadFromJsonAsync<JsonNode>();
        removed!["requests"]!.AsArray().Should().ContainSingle();
        var left = (await Client.GetFromJsonAsync<JsonNode>("/__admin/requests"))!["requests"]!.AsArray();
        left.Select(r => r!["request"]!["url"]!.GetValue<string>()).Should().Equal("/v1/nowhere", "/v1/accounts/me");

        (await Client.DeleteAsync($"/__admin/requests/{left[0]!["id"]}")).EnsureSuccessStatusCode();
        await Calls.ProblemAsync(await Client.DeleteAsync($"/__admin/requests/{left[0]!["id"]}"), 404);
        (await Client.PostAsync("/__admin/requests/reset", null)).EnsureSuccessStatusCode();
        (await Client.GetFromJsonAsync<JsonNode>("/__admin/requests"))!["requests"]!.AsArray().Should().BeEmpty();
    }

    [Test]
    public async Task Journal_lists_newest_first_counts_finds_and_clears()
    {
        var token = Calls.NewToken("journal");
        await Calls.SendAsync(Client, Calls.Account(_server, "runloop", token));
        await Calls.SendAsync(Client, Calls.Account(_server, "depicta", token));
        await Calls.SendAsync(Client, Calls.Account(_server, "runloop", null, "/runloop"));

        var journal = await Client.GetFromJsonAsync<JsonNode>("/__admin/requests");
        var urls = journal!["requests"]!.AsArray().Select(r => r!["request"]!["url"]!.GetValue<string>()).ToArray();
        urls.Should().Equal("/runloop/v1/accounts/me", "/v1/account/profile", "/v1/accounts/me");
        journal["meta"]!["total"]!.GetValue<int>().Should().Be(3);
        var first = journal["requests"]![2]!;
        first["response"]!["status"]!.GetValue<int>().Should().Be(200);
        first["mockAccounts"]!["scenario"]!.GetValue<string>().Should().Be("enabled");
        first["request"]!["headers"]!["Authorization"]!.GetValue<string>().Should().Be($"Bearer {token}");
        (await Client.GetFromJsonAsync<JsonNode>($"/__admin/requests/{first["id"]}"))!["id"]!.GetValue<string>().Should().Be(first["id"]!.GetValue<string>());

        (await CountAsync(new { method = "GET", urlPath = "/v1/accounts/me" })).Should().Be(1);
        (await CountAsync(new { method = "ANY", urlPathPattern = "/(runloop/)?v1/accounts/me" })).Should().Be(2);
        (await CountAsync(new { urlPattern = "/v1/.*" })).Should().Be(2);
        (await CountAsync(new { headers = new Dictionary<string, object> { ["Authorization"] = new { equalTo = $"Bearer {token}" } } })).Should().Be(2);
        (await CountAsync(new { headers = new Dictionary<string, object> { ["Authorization"] = new { contains = "journalx." } } })).Should().Be(2);
        (await CountAsync(new { headers = new Dictionary<string, object> { ["Authorization"] = new { matches = "Bearer journalx\\.[0-9a-f]{32}" } } })).Should().Be(2);
        (await CountAsync(new { headers = new Dictionary<string, object> { ["Authorization"] = new { absent = true } } })).Should().Be(1);
        var found = await (await Client.PostAsJsonAsync("/__admin/requests/find", new { url = "/v1/account/profile" })).Content.ReadFromJsonAsync<JsonNode>();
        found!["requests"]!.AsArray().Should().ContainSingle().Which!["method"]!.GetValue<string>().Should().Be("GET");

        (await Client.DeleteAsync("/__admin/requests")).EnsureSuccessStatusCode();
        (await Client.GetFromJsonAsync<JsonNode>("/__admin/requests"))!["requests"]!.AsArray().Should().BeEmpty();
    }

    [TestCase("{\"multipartPatterns\": []}", "multipartPatterns: not supported here")]
    [TestCase("{\"urlPattern\": \"(\"}", "urlPattern: '(' is not a valid regular expression")]
    [TestCase("{\"method\": 3}", "method: expected a string")]
    [TestCase("{\"headers\": {\"X\": {\"startsWith\": \"a\"}}}", "headers.X: expected exactly one of equalTo, contains, matches, doesNotMatch, absent")]
    [TestCase("[]", "expected a JSON object")]
    public async Task Unsupported_or_malformed_request_patterns_say_so(string pattern, string detail)
    {
        var response = await Client.PostAsync("/__admin/requests/count", Calls.Json(pattern));

        (await Calls.ProblemAsync(response, 400))["detail"]!.GetValue<string>().Should().Contain(detail);
    }

    [Test]
    public async Task Journal_query_parameters_are_validated()
    {
        (await Calls.ProblemAsync(await Client.GetAsync("/__admin/requests?limit=x"), 400))["title"]!.GetValue<string>().Should().Be("Invalid 'limit'");
        (await Calls.ProblemAsync(await Client.GetAsync("/__admin/requests?since=yesterday"), 400))["title"]!.GetValue<string>().Should().Be("Invalid 'since'");
        (await Calls.ProblemAsync(await Client.GetAsync("/__admin/requests/not-a-guid"), 404))["title"]!.GetValue<string>().Should().Be("Unknown request");
    }

    [Test]
    public async Task Vendors_describe_variants_scenarios_and_endpoints()
    {
        var vendors = await Client.GetFromJsonAsync<JsonNode>("/__admin/vendors");
        vendors!["vendors"]!.AsArray().Select(v => v!["name"]!.GetValue<string>()).Should().Equal("depicta", "opterius", "runloop", "ultravox");

        var depicta = await Client.GetFromJsonAsync<JsonNode>("/__admin/vendors/depicta");
        var scenarios = depicta!["variants"]![0]!["scenarios"]!.AsArray();
        scenarios.Should().Contain(s => s!["name"]!.GetValue<string>() == "payment-required" && s["status"]!.GetValue<int>() == 402 && s["description"]!.GetValue<string>().Length > 0);
        depicta["variants"]![0]!["endpoints"]!.AsArray().Select(e => e!.GetValue<string>()).Should().Contain(["GET /v1/account/profile", "POST /depicta/v1/account/notifications/dismiss"]);

        var openapi = await Client.GetFromJsonAsync<JsonNode>("/__admin/vendors/opterius/openapi?variant=v2.7.0");
        openapi!["openapi"]!.GetValue<string>().Should().StartWith("3.1");
        (await Calls.ProblemAsync(await Client.GetAsync("/__admin/vendors/opterius/openapi?variant=zzz"), 404))["detail"]!.GetValue<string>().Should().Contain("variants: documented, v2.7.0");
        await Calls.ProblemAsync(await Client.GetAsync("/__admin/vendors/nobody"), 404);
    }

    [Test]
    public async Task Variant_switch_serves_the_observed_opterius_contract()
    {
        (await Client.PutAsJsonAsync("/__admin/vendors/opterius/variant", new { variant = "v2.7.0" })).EnsureSuccessStatusCode();

        var (_, body, _) = await Calls.SendAsync(Client, Calls.Account(_server, "opterius", "t"));

        body!["data"].Should().BeNull();
        body["status"]!.GetValue<string>().Should().Be("active");
        (await Client.GetFromJsonAsync<JsonNode>("/__admin/scenarios"))!["scenarios"]!.AsArray()
            .Single(s => s!["id"]!.GetValue<string>() == "opterius")!["possibleStates"]!.AsArray().Select(s => s!.GetValue<string>()).Should().Contain("invalid-token");
    }

    [Test]
    public async Task Token_account_shows_edits_and_refuses_invalid_ones_without_changing_state()
    {
        var token = Calls.NewToken("edit");
        await Calls.BindAsync(_server, "depicta", token, "zero-balance");
        var account = await Client.GetFromJsonAsync<JsonNode>($"/__admin/vendors/depicta/tokens/{token}/account");
        account!["scenario"]!.GetValue<string>().Should().Be("zero-balance");
        account["body"]!["user"]!["balance_eur"]!.GetValue<string>().Should().Be("0.000000");

        var edited = await Client.PatchAsync($"/__admin/vendors/depicta/tokens/{token}/account", Calls.Json("""{"user": {"name": "Ada Lovelace", "balance_eur": "12.500000"}}"""));
        edited.EnsureSuccessStatusCode();
        var (_, body, _) = await Calls.SendAsync(Client, Calls.Account(_server, "depicta", token));
        body!["user"]!["name"]!.GetValue<string>().Should().Be("Ada Lovelace");
        body["user"]!["balance_eur"]!.GetValue<string>().Should().Be("12.500000");

        var wrongType = await Calls.ProblemAsync(await Client.PatchAsync($"/__admin/vendors/depicta/tokens/{token}/account", Calls.Json("""{"user": {"balance_eur": 12.5}}""")), 400);
        wrongType["violations"]!.AsArray().Should().Contain(v => v!["pointer"]!.GetValue<string>() == "/user/balance_eur");
        var unknown = await Calls.ProblemAsync(await Client.PatchAsync($"/__admin/vendors/depicta/tokens/{token}/account", Calls.Json("""{"user": {"nmae": "x"}}""")), 400);
        unknown["violations"]![0]!["message"]!.GetValue<string>().Should().Contain("'nmae' is not a field");
        await Calls.ProblemAsync(await Client.PatchAsync($"/__admin/vendors/depicta/tokens/{token}/account", Calls.Json("""{"user": """)), 400);

        var after = await Calls.SendAsync(Client, Calls.Account(_server, "depicta", token));
        after.Body!["user"]!["balance_eur"]!.GetValue<string>().Should().Be("12.500000", "a refused edit changes nothing");

        (await Client.DeleteAsync($"/__admin/vendors/depicta/tokens/{token}/account")).EnsureSuccessStatusCode();
        (await Calls.SendAsync(Client, Calls.Account(_server, "depicta", token))).Body!["user"]!["balance_eur"]!.GetValue<string>().Should().Be("0.000000");
        (await Client.DeleteAsync($"/__admin/vendors/depicta/tokens/{token}/scenario")).EnsureSuccessStatusCode();
        (await Calls.SendAsync(Client, Calls.Account(_server, "depicta", token))).Body!["user"]!["balance_eur"]!.GetValue<string>().Should().NotBe("0.000000");
    }

    [Test]
    public async Task Reset_forgets_scenarios_bindings_edits_variants_and_journal()
    {
        var token = Calls.NewToken("reset");
        (await Client.PutAsJsonAsync("/__admin/scenarios/runloop/state", new { state = "trial" })).EnsureSuccessStatusCode();
        (await Client.PutAsJsonAsync("/__admin/vendors/opterius/variant", new { variant = "v2.7.0" })).EnsureSuccessStatusCode();
        await Calls.BindAsync(_server, "ultravox", token, "unlimited");
        (await Client.PatchAsync($"/__admin/vendors/depicta/tokens/{token}/account", Calls.Json("""{"user": {"name": "X"}}"""))).EnsureSuccessStatusCode();

        (await Client.PostAsync("/__admin/reset", null)).EnsureSuccessStatusCode();

        (await Calls.SendAsync(Client, Calls.Account(_server, "runloop", token))).Body!["tier"]!.GetValue<string>().Should().Be("ACCOUNT_TIER_PRO");
        (await Calls.SendAsync(Client, Calls.Account(_server, "opterius", token))).Body!["data"].Should().NotBeNull();
        (await Calls.SendAsync(Client, Calls.Account(_server, "ultravox", token))).Body!["allowedConcurrentCalls"]!.GetValue<int>().Should().Be(5);
        (await Calls.SendAsync(Client, Calls.Account(_server, "depicta", token))).Body!["user"]!["name"]!.GetValue<string>().Should().NotBe("X");
        (await Client.GetFromJsonAsync<JsonNode>("/__admin/requests"))!["meta"]!["total"]!.GetValue<int>().Should().Be(4, "only the four requests since the reset");
    }

    [Test]
    public async Task Unknown_paths_get_a_problem_pointing_at_the_vendor_list()
    {
        var problem = await Calls.ProblemAsync(await Client.GetAsync("/v1/nothing"), 404);

        problem["detail"]!.GetValue<string>().Should().Contain("GET /__admin/vendors");
    }

    private async Task<int> CountAsync(object pattern)
    {
        var response = await Client.PostAsJsonAsync("/__admin/requests/count", pattern);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonNode>())!["count"]!.GetValue<int>();
    }
}
