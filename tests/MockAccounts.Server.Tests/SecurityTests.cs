using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using FluentAssertions;

namespace MockAccounts.Server.Tests;

/// <summary>Admin protection, credential redaction and bounded per-token memory.</summary>
public sealed class SecurityTests
{
    private const string Key = "s3cret-admin-key";

    [Test]
    public async Task With_an_admin_key_admin_calls_need_it_and_vendor_calls_and_health_do_not()
    {
        await using var server = await RunningServer.StartAsync(null, $"--MockAccounts:Admin:Key={Key}");

        var refused = await server.Client.GetAsync("/__admin/scenarios");
        (await Calls.ProblemAsync(refused, 401))["title"]!.GetValue<string>().Should().Be("Admin key required");
        refused.Headers.WwwAuthenticate.Should().ContainSingle(h => h.Scheme == "Bearer");
        var wrong = new HttpRequestMessage(HttpMethod.Put, "/__admin/scenarios/runloop/state") { Content = Calls.Json("""{"state": "trial"}""") };
        wrong.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "not-the-key");
        await Calls.ProblemAsync(await server.Client.SendAsync(wrong), 401);
        (await server.Client.PostAsync("/__admin/reset", null)).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await server.Client.GetAsync("/__admin/mappings")).StatusCode.Should().Be(HttpStatusCode.Unauthorized, "stub mappings are behind the key");
        (await server.Client.GetAsync("/__admin/recordings")).StatusCode.Should().Be(HttpStatusCode.Unauthorized, "even unsupported admin paths are behind the key");

        (await server.Client.GetAsync("/__admin/health")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await Calls.SendAsync(server.Client, Calls.Account(server, "runloop", "vendor-call"))).Status.Should().Be(200);

        var allowed = new HttpRequestMessage(HttpMethod.Put, "/__admin/scenarios/runloop/state") { Content = Calls.Json("""{"state": "trial"}""") };
        allowed.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Key);
        (await server.Client.SendAsync(allowed)).StatusCode.Should().Be(HttpStatusCode.OK);
        (await Calls.SendAsync(server.Client, Calls.Account(server, "runloop", "after-switch"))).Body!["tier"]!.GetValue<string>().Should().Be("ACCOUNT_TIER_TRIAL");
    }

    [Test]
    public async Task The_journal_shows_credentials_only_by_scheme_and_last_four_characters()
    {
        await using var server = await RunningServer.StartAsync(null);
        await Calls.SendAsync(server.Client, Calls.Account(server, "runloop", "rl_live_0123456789abcd"));
        var ultravox = new HttpRequestMessage(HttpMethod.Get, "/api/accounts/me");
        ultravox.Headers.TryAddWithoutValidation("X-API-Key", "abcd1234.0123456789abcdef0123456789abcdef");
        ultravox.Headers.TryAddWithoutValidation("X-Unsafe-API-Key", "unsafe-key-9876");
        await Calls.SendAsync(server.Client, ultravox);

        var journal = (await server.Client.GetFromJsonAsync<JsonNode>("/__admin/requests"))!["requests"]!.AsArray();
        var text = journal.ToJsonString();

        journal[1]!["request"]!["headers"]!["Authorization"]!.GetValue<string>().Should().Be("Bearer ****abcd");
        journal[1]!["mockAccounts"]!["token"]!.GetValue<string>().Should().Be("****abcd");
        journal[0]!["request"]!["headers"]!["X-API-Key"]!.GetValue<string>().Should().Be("****cdef");
        journal[0]!["request"]!["headers"]!["X-Unsafe-API-Key"]!.GetValue<string>().Should().Be("****9876");
        text.Should().NotContain("0123456789").And.NotContain("unsafe-key");
    }

    [Test]
    public async Task Credentials_can_be_kept_whole_and_long_bodies_are_cut()
    {
        await using var server = await RunningServer.StartAsync(null, "--MockAccounts:Journal:KeepCredentials=true", "--MockAccounts:Journal:MaxBodyChars=64");
        var patch = new HttpRequestMessage(HttpMethod.Patch, "/v1/account/profile") { Content = Calls.Json($$"""{"name": "{{new string('x', 90)}}"}""") };
        patch.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "dpct_whole_token");
        await Calls.SendAsync(server.Client, patch);

        var entry = (await server.Client.GetFromJsonAsync<JsonNode>("/__admin/requests"))!["requests"]![0]!;

        entry["request"]!["headers"]!["Authorization"]!.GetValue<string>().Should().Be("Bearer dpct_whole_token");
        entry["request"]!["body"]!.GetValue<string>().Should().StartWith("{\"name\": \"xxx").And.EndWith("…(38 more characters not kept)");
    }

    [Test]
    public async Task Per_token_memory_stays_within_its_cap_dropping_the_least_recently_used()
    {
        await using var server = await RunningServer.StartAsync(null, "--MockAccounts:MaxTokens=20");
        for (var i = 0; i < 100; i++)
        {
            await Calls.BindAsync(server, "runloop", $"cap-{i}", "quota-reached");
        }

        var health = await server.Client.GetFromJsonAsync<JsonNode>("/__admin/health");
        health!["tokens"]!["capacity"]!.GetValue<int>().Should().Be(20);
        health["tokens"]!["entries"]!.GetValue<int>().Should().BeLessThanOrEqualTo(20);
        health["tokens"]!["evicted"]!.GetValue<long>().Should().BeGreaterThanOrEqualTo(80);
        (await Calls.SendAsync(server.Client, Calls.Account(server, "runloop", "cap-99"))).Body!["account_status"]!.GetValue<string>()
            .Should().Be("ACCOUNT_STATUS_DISABLED_QUOTA_REACHED", "the newest binding is kept");
        (await Calls.SendAsync(server.Client, Calls.Account(server, "runloop", "cap-0"))).Body!["account_status"]!.GetValue<string>()
            .Should().Be("ACCOUNT_STATUS_ENABLED", "the oldest binding was dropped, so the token falls back to the default");
    }

    [TestCase("X-Mock-Scenario", "rate-limited-once")]
    [TestCase("Prefer", "variation=edges")]
    public async Task A_credential_over_the_bound_gets_the_vendors_401_and_is_never_remembered(string header, string value)
    {
        await using var server = await RunningServer.StartAsync(null, "--MockAccounts:HotReload=false");
        var request = Calls.Account(server, "runloop", new string('t', 30 * 1024));
        request.Headers.TryAddWithoutValidation(header, value);

        var (status, body, _) = await Calls.SendAsync(server.Client, request);

        status.Should().Be(401);
        body!.ToJsonString().Should().NotContain("ttttttttttttttttttttt");
        var health = await server.Client.GetFromJsonAsync<JsonNode>("/__admin/health");
        health!["tokens"]!["entries"]!.GetValue<int>().Should().Be(0);
    }

    [Test]
    public async Task The_admin_API_refuses_a_token_over_the_bound_naming_it()
    {
        await using var server = await RunningServer.StartAsync(null, "--MockAccounts:HotReload=false");

        var bound = await server.Client.PostAsJsonAsync("/__admin/vendors/runloop/tokens", new { token = new string('b', 4097), scenario = "quota-reached" });

        (await Calls.ProblemAsync(bound, 400))["detail"]!.GetValue<string>().Should().Contain("limited to 4096 characters");
        var health = await server.Client.GetFromJsonAsync<JsonNode>("/__admin/health");
        health!["tokens"]!["entries"]!.GetValue<int>().Should().Be(0);
    }

    [Test]
    public async Task Per_token_memory_stays_within_its_byte_bound()
    {
        await using var server = await RunningServer.StartAsync(null, "--MockAccounts:HotReload=false", "--MockAccounts:MaxTokenMemoryBytes=1048576");
        for (var i = 0; i < 300; i++)
        {
            var token = i.ToString("D4", System.Globalization.CultureInfo.InvariantCulture) + new string('b', 4000);
            (await server.Client.PostAsJsonAsync("/__admin/vendors/runloop/tokens", new { token, scenario = "quota-reached" })).EnsureSuccessStatusCode();
        }

        var tokens = (await server.Client.GetFromJsonAsync<JsonNode>("/__admin/health"))!["tokens"]!;
        tokens["byteCapacity"]!.GetValue<long>().Should().Be(1048576);
        tokens["bytes"]!.GetValue<long>().Should().BeLessThanOrEqualTo(1048576);
        tokens["evicted"]!.GetValue<long>().Should().BeGreaterThan(100, "300 tokens of about 8 KB cannot fit in 1 MiB");
    }

    [Test]
    public async Task Wrong_admin_keys_are_throttled_per_address_until_the_window_passes()
    {
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider();
        await using var server = await RunningServer.StartWithClockAsync(clock, $"--MockAccounts:Admin:Key={Key}");

        HttpRequestMessage Scenarios(string key) => new(HttpMethod.Get, "/__admin/scenarios") { Headers = { Authorization = new AuthenticationHeaderValue("Bearer", key) } };

        for (var i = 0; i < 10; i++)
        {
            (await server.Client.SendAsync(Scenarios($"guess-{i}"))).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        }

        var throttled = await server.Client.SendAsync(Scenarios(Key));
        (await Calls.ProblemAsync(throttled, 429))["title"]!.GetValue<string>().Should().Be("Too many wrong admin keys");
        throttled.Headers.RetryAfter!.Delta.Should().Be(TimeSpan.FromSeconds(60), "even the right key waits: it is not compared while the address is throttled");
        (await server.Client.GetAsync("/__admin/health")).StatusCode.Should().Be(HttpStatusCode.OK, "health stays open for probes");

        clock.Advance(TimeSpan.FromMinutes(1));
        (await server.Client.SendAsync(Scenarios(Key))).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Test]
    public async Task Stub_mappings_past_MaxCount_are_refused_with_409_naming_the_setting()
    {
        await using var server = await RunningServer.StartAsync(null, "--MockAccounts:HotReload=false", "--MockAccounts:Mappings:MaxCount=3");
        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            var created = await server.Client.PostAsync("/__admin/mappings", Calls.Json("""{"request": {"urlPath": "/m/§"}, "response": {"status": 204}}""".Replace("§", i.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)));
            ids.Add((await created.Content.ReadFromJsonAsync<JsonNode>())!["id"]!.GetValue<string>());
        }

        var fourth = await server.Client.PostAsync("/__admin/mappings", Calls.Json("""{"request": {"urlPath": "/m/3"}, "response": {"status": 204}}"""));
        var import = await server.Client.PostAsync("/__admin/mappings/import", Calls.Json("""{"mappings": [{"request": {"urlPath": "/m/4"}, "response": {"status": 204}}]}"""));
        var replace = await server.Client.PostAsync("/__admin/mappings", Calls.Json("""{"id": "§", "request": {"urlPath": "/m/0"}, "response": {"status": 200}}""".Replace("§", ids[0], StringComparison.Ordinal)));

        (await Calls.ProblemAsync(fourth, 409))["detail"]!.GetValue<string>().Should().Contain("MockAccounts:Mappings:MaxCount (3)");
        await Calls.ProblemAsync(import, 409);
        replace.StatusCode.Should().Be(HttpStatusCode.Created, "a mapping with a served id replaces it and takes no room");
        (await server.Client.GetFromJsonAsync<JsonNode>("/__admin/mappings"))!["meta"]!["total"]!.GetValue<int>().Should().Be(3);
    }
}
