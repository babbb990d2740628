// Compiled only by tests/consumer/run.sh, in a fresh project outside the repository that already stubs its HTTP
// dependencies with WireMock.Net and adds MockAccounts.WireMockNet from a folder feed: the vendors join the server it has.
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using FluentAssertions;
using MockAccounts.Testing;
using MockAccounts.WireMockNet;
using NUnit.Framework;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Settings;

namespace WireMockConsumer.Tests;

[SetUpFixture]
public sealed class StubsSetUp
{
    public static WireMockServer Server { get; private set; } = null!;

    public static MockAccountsOnWireMock Mock { get; private set; } = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        // The team's server and one of its own stubs, as it had them before MockAccounts.
        Server = WireMockServer.Start(new WireMockServerSettings { Urls = [$"http://127.0.0.1:{FreePort()}"], StartAdminInterface = true });
        Server.Given(Request.Create().WithPath("/v1/devboxes").UsingGet()).RespondWith(Response.Create().WithStatusCode(200).WithBodyAsJson(new { devboxes = Array.Empty<object>() }));
        Mock = await Server.AddMockAccountsAsync(o => o.Seed = 7);
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    [OneTimeTearDown]
    public void Stop()
    {
        Mock.Dispose();
        Server.Stop();
        Server.Dispose();
    }
}

public sealed class VendorsOnTheTeamsWireMockTests
{
    private static WireMockServer Server => StubsSetUp.Server;

    private static HttpClient Client() => new() { BaseAddress = new Uri(Server.Url!), Timeout = TimeSpan.FromSeconds(30) };

    [Test]
    public async Task Depicta_unverified_email_is_served_from_the_packaged_contract()
    {
        var account = await StubsSetUp.Mock.Vendor(Vendors.Depicta).CreateAccountAsync(Depicta.Scenarios.UnverifiedEmail);
        using var http = Client();
        account.Authorize(http.DefaultRequestHeaders);

        var body = await http.GetStringAsync("/v1/account/profile");

        // The same JSON, not the same text: the served body writes an apostrophe (O'Hara) as itself, ToJsonString escapes it.
        JsonNode.DeepEquals(JsonNode.Parse(body), account.Body).Should().BeTrue(body);
    }

    [Test]
    public async Task The_teams_own_stub_still_answers()
    {
        using var http = Client();

        (await http.GetStringAsync("/v1/devboxes")).Should().Contain("devboxes");
    }

    [Test, NonParallelizable]
    public async Task SetScenarioState_and_the_admin_API_switch_a_whole_vendor()
    {
        using var http = Client();
        http.DefaultRequestHeaders.TryAddWithoutValidation("X-API-Key", "abcd1234.0123456789abcdef0123456789abcdef");

        Server.SetScenarioState(Vendors.Ultravox, Ultravox.Scenarios.RateLimited);
        (await http.GetAsync("/api/accounts/me")).StatusCode.Should().Be(HttpStatusCode.TooManyRequests);

        (await http.PutAsJsonAsync("/__admin/scenarios/ultravox/state", new { state = Ultravox.Scenarios.FreeTier })).EnsureSuccessStatusCode();
        (await http.GetAsync("/api/accounts/me")).StatusCode.Should().Be(HttpStatusCode.OK);

        Server.ResetScenarios();
    }
}
