using System.Net.Http.Json;
using System.Text.Json.Nodes;
using FluentAssertions;

namespace MockAccounts.Server.Tests;

[Parallelizable(ParallelScope.All)]
public sealed class AuthMatrixTests
{
    private static RunningServer Server => SharedServer.Instance;

    [TestCase("runloop", "message")]
    [TestCase("opterius", "message")]
    [TestCase("depicta", "error")]
    [TestCase("ultravox", "detail")]
    public async Task Missing_credentials_get_the_vendors_own_401(string vendor, string field)
    {
        var (status, body, _) = await Calls.SendAsync(Server.Client, Calls.Account(Server, vendor, token: null));

        status.Should().Be(401);
        body![field].Should().NotBeNull();
    }

    [TestCase("runloop", "Basic dXNlcjpwYXNz")]
    [TestCase("runloop", "Bearer")]
    [TestCase("opterius", "Token abc")]
    [TestCase("depicta", "Bearer a b")]
    public async Task Malformed_bearer_credentials_get_401(string vendor, string authorization)
    {
        var request = Calls.Account(Server, vendor, token: null);
        request.Headers.TryAddWithoutValidation("Authorization", authorization);

        var (status, _, _) = await Calls.SendAsync(Server.Client, request);

        status.Should().Be(401);
    }

    [TestCase("runloop")]
    [TestCase("opterius")]
    [TestCase("depicta")]
    [TestCase("ultravox")]
    public async Task Valid_credentials_get_the_default_scenario(string vendor)
    {
        var token = Calls.NewToken("auth");
        var request = Calls.Account(Server, vendor, token);
        var sent = request.Headers.Single(h => h.Key is "Authorization" or "X-API-Key");

        var (status, _, _) = await Calls.SendAsync(Server.Client, request);

        status.Should().Be(200);
        var pattern = new { headers = new Dictionary<string, object> { [sent.Key] = new { equalTo = sent.Value.Single() } } };
        using var found = await Server.Client.PostAsJsonAsync("/__admin/requests/find", pattern);
        var loggedDate = (await found.Content.ReadFromJsonAsync<JsonNode>())!["requests"]!.AsArray().Should().ContainSingle().Subject!["loggedDate"]!.GetValue<long>();
        var events = (await Server.Client.GetFromJsonAsync<JsonNode>("/__admin/requests"))!["requests"]!.AsArray();
        var served = events.Single(e => e!["request"]!["loggedDate"]!.GetValue<long>() == loggedDate && e["mockAccounts"]!["token"]?.GetValue<string>() == "****" + token[^4..])!;
        served["mockAccounts"]!["scenario"]!.GetValue<string>().Should().Be(Server.Contracts.Current.Variant(vendor).Catalogue.Default.Name);
        served["mockAccounts"]!["scenarioSource"]!.GetValue<string>().Should().Be("default");
    }

    [TestCase("X-API-Key", "abcd1234.0123456789abcdef0123456789abcdef", 200)]
    [TestCase("X-Unsafe-API-Key", "abcd1234.0123456789abcdef0123456789abcdef", 200)]
    [TestCase("Authorization", "Bearer abcd1234.0123456789abcdef0123456789abcdef", 401)]
    [TestCase("X-API-Key", "   ", 401)]
    public async Task Ultravox_takes_its_key_from_either_api_key_header(string header, string value, int expected)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/accounts/me");
        request.Headers.TryAddWithoutValidation(header, value);

        var (status, body, _) = await Calls.SendAsync(Server.Client, request);

        status.Should().Be(expected);
        if (expected == 401)
        {
            body!["detail"]!.GetValue<string>().Should().NotBeEmpty();
        }
    }

    [Test]
    public async Task The_opterius_observed_variant_answers_missing_credentials_with_unauthenticated()
    {
        await using var server = await RunningServer.StartAsync(null);
        using var switched = await server.Client.PutAsync("/__admin/vendors/opterius/variant", Calls.Json("""{"variant": "v2.7.0"}"""));
        switched.EnsureSuccessStatusCode();

        var (status, body, _) = await Calls.SendAsync(server.Client, Calls.Account(server, "opterius", token: null));

        status.Should().Be(401);
        body!["error"]!.GetValue<string>().Should().Be("Unauthenticated.");
    }
}
