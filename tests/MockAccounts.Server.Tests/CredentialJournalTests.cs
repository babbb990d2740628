using System.Net.Http.Json;
using System.Text.Json.Nodes;
using FluentAssertions;
using MockAccounts.Tests.Support;

namespace MockAccounts.Server.Tests;

/// <summary>
/// What the journal hides and what it still matches: credentials are redacted wherever a loaded
/// contract says they travel, while request patterns match the request as the client sent it.
/// </summary>
public sealed class CredentialJournalTests
{
    private static string ApiKeyVendor => Repository.TestData("api-key-vendor");

    [Test]
    public async Task A_vendor_added_as_files_has_the_key_header_its_contract_declares_redacted_in_the_journal()
    {
        await using var server = await RunningServer.StartAsync(ApiKeyVendor);

        var sent = await Calls.SendAsync(server.Client, Calls.Account(server, "acme", "acme-live-key-1234wxyz"));

        sent.Status.Should().Be(200);
        var journal = await server.Client.GetFromJsonAsync<JsonNode>("/__admin/requests");
        var entry = journal!["requests"]![0]!;
        entry["request"]!["headers"]!["X-Acme-Key"]!.GetValue<string>().Should().Be("****wxyz");
        entry["mockAccounts"]!["token"]!.GetValue<string>().Should().Be("****wxyz");
        journal.ToJsonString().Should().NotContain("acme-live-key");
    }

    [Test]
    public async Task A_vendor_added_by_hot_reload_has_its_key_header_redacted_too()
    {
        var folder = Repository.CopyOf(Repository.Root);
        await using var server = await RunningServer.StartAsync(folder, "--MockAccounts:HotReload", "false");
        Repository.CopyOf(ApiKeyVendor, folder);
        (await server.Contracts.ReloadAsync()).Should().BeTrue(server.Contracts.LastError?.Message);

        await Calls.SendAsync(server.Client, Calls.Account(server, "acme", "acme-reloaded-key-5678abcd"));

        var journal = await server.Client.GetFromJsonAsync<JsonNode>("/__admin/requests");
        journal!["requests"]![0]!["request"]!["headers"]!["X-Acme-Key"]!.GetValue<string>().Should().Be("****abcd");
        journal.ToJsonString().Should().NotContain("acme-reloaded-key");
    }

    [Test]
    public async Task Journal_find_count_and_remove_match_the_credential_the_client_sent_and_show_it_redacted()
    {
        await using var server = await RunningServer.StartAsync(null, "--MockAccounts:HotReload", "false");
        await Calls.SendAsync(server.Client, Calls.Account(server, "runloop", "rl_demo"));
        await Calls.SendAsync(server.Client, Calls.Account(server, "runloop", "rl_other_token"));
        var pattern = new { headers = new Dictionary<string, object> { ["Authorization"] = new { equalTo = "Bearer rl_demo" } } };

        var count = await (await server.Client.PostAsJsonAsync("/__admin/requests/count", pattern)).Content.ReadFromJsonAsync<JsonNode>();
        var found = await (await server.Client.PostAsJsonAsync("/__admin/requests/find", pattern)).Content.ReadFromJsonAsync<JsonNode>();
        var removed = await (await server.Client.PostAsJsonAsync("/__admin/requests/remove", pattern)).Content.ReadFromJsonAsync<JsonNode>();

        count!["count"]!.GetValue<int>().Should().Be(1);
        found!["requests"]!.AsArray().Should().ContainSingle().Which!["headers"]!["Authorization"]!.GetValue<string>().Should().Be("Bearer ****demo");
        removed!["requests"]!.AsArray().Should().ContainSingle();
        found.ToJsonString().Should().NotContain("rl_demo");
        var left = await server.Client.GetFromJsonAsync<JsonNode>("/__admin/requests");
        left!["requests"]!.AsArray().Should().ContainSingle().Which!["request"]!["headers"]!["Authorization"]!.GetValue<string>().Should().Be("Bearer ****oken");
    }

    [Test]
    public async Task A_key_a_published_spec_reads_from_the_query_is_redacted_in_the_journal()
    {
        await using var server = await RunningServer.StartAsync(Repository.TestData("published-query-key"), "--MockAccounts:HotReload", "false");

        var served = await Calls.SendAsync(server.Client, new HttpRequestMessage(HttpMethod.Get, "/v1/me?api_key=ql-live-key-9876wxyz"));

        served.Status.Should().Be(200);
        var journal = await server.Client.GetFromJsonAsync<JsonNode>("/__admin/requests");
        journal!["requests"]![0]!["request"]!["url"]!.GetValue<string>().Should().Be("/v1/me?api_key=%2A%2A%2A%2Awxyz");
        journal.ToJsonString().Should().NotContain("ql-live-key");
    }

    [TestCase("""{"headers": {"Authorization": {"matches": "Bearer rl_S.*"}}}""", "headers.Authorization")]
    [TestCase("""{"headers": {"authorization": {"contains": "rl_S"}}}""", "headers.authorization")]
    [TestCase("""{"headers": {"Authorization": {"equalTo": "bearer rl_secret_token", "caseInsensitive": true}}}""", "headers.Authorization")]
    [TestCase("""{"headers": {"X-API-Key": {"doesNotMatch": "a.*"}}}""", "headers.X-API-Key")]
    [TestCase("""{"cookies": {"session": {"matches": ".*"}}}""", "cookies")]
    public async Task A_redacted_credential_cannot_be_read_back_through_a_pattern(string pattern, string field)
    {
        await using var server = await RunningServer.StartAsync(null, "--MockAccounts:HotReload", "false");
        await Calls.SendAsync(server.Client, Calls.Account(server, "runloop", "rl_Secret_token"));

        var refused = await server.Client.PostAsync("/__admin/requests/count", Calls.Json(pattern));

        (await Calls.ProblemAsync(refused, 400))["detail"]!.GetValue<string>().Should().Contain(field).And.Contain("MockAccounts:Journal:KeepCredentials");
    }

    [Test]
    public async Task A_redacted_credential_is_still_found_by_an_exact_equalTo_absent_or_basic_auth()
    {
        await using var server = await RunningServer.StartAsync(null, "--MockAccounts:HotReload", "false");
        await Calls.SendAsync(server.Client, Calls.Account(server, "runloop", "rl_exact"));
        var basic = new HttpRequestMessage(HttpMethod.Get, "/team/basic");
        basic.Headers.Authorization = new("Basic", Convert.ToBase64String("u:p"u8.ToArray()));
        await server.Client.SendAsync(basic);

        async Task<int> CountAsync(string pattern) =>
            (await (await server.Client.PostAsync("/__admin/requests/count", Calls.Json(pattern))).Content.ReadFromJsonAsync<JsonNode>())!["count"]!.GetValue<int>();

        (await CountAsync("""{"headers": {"Authorization": {"equalTo": "Bearer rl_exact"}}}""")).Should().Be(1);
        (await CountAsync("""{"headers": {"Authorization": {"equalTo": "Bearer rl_exac"}}}""")).Should().Be(0);
        (await CountAsync("""{"headers": {"X-API-Key": {"absent": true}}}""")).Should().Be(2);
        (await CountAsync("""{"basicAuthCredentials": {"username": "u", "password": "p"}}""")).Should().Be(1);
    }

    [Test]
    public async Task With_credentials_kept_whole_any_pattern_matches_them()
    {
        await using var server = await RunningServer.StartAsync(null, "--MockAccounts:HotReload", "false", "--MockAccounts:Journal:KeepCredentials=true");
        await Calls.SendAsync(server.Client, Calls.Account(server, "runloop", "rl_Secret_token"));

        var count = await (await server.Client.PostAsync("/__admin/requests/count", Calls.Json("""{"headers": {"Authorization": {"matches": "Bearer rl_S.*"}}}"""))).Content.ReadFromJsonAsync<JsonNode>();

        count!["count"]!.GetValue<int>().Should().Be(1);
    }

    [Test]
    public async Task A_key_a_contract_reads_from_the_query_is_redacted_and_matched_the_same_way()
    {
        await using var server = await RunningServer.StartAsync(Repository.TestData("query-key-vendor"), "--MockAccounts:HotReload", "false");

        var served = await Calls.SendAsync(server.Client, new HttpRequestMessage(HttpMethod.Get, "/quokka/v1/me?api_key=qk-live-key-9876wxyz&page=2"));
        var missing = await Calls.SendAsync(server.Client, new HttpRequestMessage(HttpMethod.Get, "/quokka/v1/me"));

        served.Status.Should().Be(200);
        missing.Status.Should().Be(401);
        var journal = await server.Client.GetFromJsonAsync<JsonNode>("/__admin/requests");
        journal!["requests"]![1]!["request"]!["url"]!.GetValue<string>().Should().Be("/quokka/v1/me?api_key=%2A%2A%2A%2Awxyz&page=2");
        journal.ToJsonString().Should().NotContain("qk-live-key");
        var probe = await server.Client.PostAsync("/__admin/requests/count", Calls.Json("""{"queryParameters": {"api_key": {"matches": "qk-.*"}}}"""));
        (await Calls.ProblemAsync(probe, 400))["detail"]!.GetValue<string>().Should().Contain("queryParameters.api_key");
        var exact = await (await server.Client.PostAsync("/__admin/requests/count", Calls.Json("""{"queryParameters": {"api_key": {"equalTo": "qk-live-key-9876wxyz"}}}"""))).Content.ReadFromJsonAsync<JsonNode>();
        exact!["count"]!.GetValue<int>().Should().Be(1);
    }
}
