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
}
