using System.Net;
using FluentAssertions;
using MockAccounts.Testing;

namespace MockAccounts.Examples;

[Parallelizable(ParallelScope.All)]
public sealed class AppWithVendorsTests
{
    private static readonly AppWithVendors App = new();

    /// <summary>Started once before the tests run side by side: a factory started by two of them at once makes two applications.</summary>
    [OneTimeSetUp]
    public static void Start() => App.StartServer();

    [OneTimeTearDown]
    public static async Task StopAsync() => await App.DisposeAsync();

    [Test]
    public async Task The_app_decides_from_the_account_the_vendor_mounted_inside_it_serves()
    {
        using var client = App.CreateClient();
        using var admin = new MockAccountsAdminClient(client);
        var token = $"rl_{Guid.NewGuid():N}";
        await admin.BindTokenAsync(Vendors.Runloop, token, Runloop.Scenarios.QuotaReached);
        client.DefaultRequestHeaders.Add("X-Runloop-Key", token);

        var answer = await client.GetStringAsync("/jobs/can-start");

        answer.Should().Be("no: quota reached");
    }

    [Test]
    public async Task Requests_no_vendor_answers_reach_the_apps_own_endpoints()
    {
        using var client = App.CreateClient();

        using var queued = await client.PostAsync("/jobs", new StringContent("render 4k"));
        using var unknown = await client.GetAsync("/no/such/path");

        (await queued.Content.ReadAsStringAsync()).Should().Be("queued: render 4k", "the app reads the body the mock looked at");
        unknown.StatusCode.Should().Be(HttpStatusCode.NotFound);
        unknown.Content.Headers.ContentLength.Should().Be(0, "the app's own 404 answers, not the mock's problem");
    }
}
