using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using FluentAssertions;
using MockAccounts.Core.Generation;

namespace MockAccounts.Testing.Tests;

/// <summary>The fixture's side of edge variation, variants and credential shapes.</summary>
[Parallelizable(ParallelScope.All)]
public sealed partial class VariationFixtureTests
{
    [Test]
    public async Task Ultravox_accounts_made_by_the_fixture_have_the_documented_key_shape()
    {
        var account = await Mock.Server.Vendor("ultravox").CreateAccountAsync();
        using var http = Mock.Server.CreateClient(account);

        using var response = await http.GetAsync("api/accounts/me");

        account.Token.Should().MatchRegex(UltravoxKey().ToString());
        ((int)response.StatusCode).Should().Be(200);
    }

    [Test]
    public async Task An_edges_account_gets_a_new_valid_combination_on_each_request()
    {
        var account = await Mock.Server.Vendor("runloop").CreateAccountAsync("enabled", Variation.Edges);
        using var http = Mock.Server.CreateClient(account);

        var bodies = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            // Strict validation: a body breaking the contract would arrive as a 500.
            using var response = await http.GetAsync("v1/accounts/me");
            ((int)response.StatusCode).Should().Be(200);
            bodies.Add(await response.Content.ReadAsStringAsync());
        }

        JsonNode.Parse(bodies[0])!.ToJsonString().Should().Be(account.Body!.ToJsonString(), "the account's body is what its first request receives");
        bodies.Distinct().Should().HaveCountGreaterThan(2);
    }

    [Test]
    public async Task A_server_started_with_a_variant_and_edges_serves_them()
    {
        await using var server = await MockAccountsServer.StartAsync(options =>
        {
            options.Variation = Variation.Edges;
            options.Variants["opterius"] = "v2.7.0";
        });
        var account = await server.Vendor("opterius").CreateAccountAsync();
        using var http = server.CreateClient(account);

        var bodies = new List<JsonNode>();
        for (var i = 0; i < 8; i++)
        {
            using var response = await http.GetAsync("api/v1/me");
            ((int)response.StatusCode).Should().Be(200);
            bodies.Add(JsonNode.Parse(await response.Content.ReadAsStringAsync())!);
        }

        bodies.Should().OnlyContain(b => b["data"] == null, "v2.7.0 answers flat");
        bodies.Should().Contain(b => b["city"] == null, "v2.7.0's city is a nullable column");
    }

    [GeneratedRegex(@"^[A-Za-z0-9]{8}\.[A-Za-z0-9]{32}$")]
    private static partial Regex UltravoxKey();
}
