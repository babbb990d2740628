using System.Net;
using FluentAssertions;

namespace MockAccounts.Testing.Tests;

/// <summary>The fixture serves the same dashboard as the server, over its socket and in memory.</summary>
public sealed class DashboardTests
{
    [Test]
    public async Task The_dashboard_address_serves_the_dashboard_page()
    {
        using var client = new HttpClient();

        var page = await client.GetAsync(Mock.Server.DashboardAddress);

        page.StatusCode.Should().Be(HttpStatusCode.OK);
        page.Headers.GetValues("Content-Security-Policy").Should().ContainSingle();
        (await page.Content.ReadAsStringAsync()).Should().Contain("<title>MockAccounts dashboard</title>");
    }

    [Test]
    public async Task The_in_memory_handler_serves_the_dashboard_and_its_data_too()
    {
        using var client = new HttpClient(Mock.Server.CreateHandler()) { BaseAddress = Mock.Server.BaseAddress };

        (await client.GetStringAsync("__admin/dashboard/dashboard.js")).Should().Contain("async function api(");
        (await client.GetStringAsync("__admin/vendors")).Should().Contain("\"scenarios\":[");
    }

    [Test]
    public async Task The_dashboard_script_keeps_the_admin_key_out_of_web_storage()
    {
        using var client = new HttpClient(Mock.Server.CreateHandler()) { BaseAddress = Mock.Server.BaseAddress };

        var script = await client.GetStringAsync("__admin/dashboard/dashboard.js");

        // Any page served from the mock's origin (an HTML stub) can read web storage; the key lives in memory only.
        script.Should().NotMatchRegex(@"(session|local)Storage\.setItem\([^)]*key", "the admin key is never written to web storage");
        script.Should().Contain("key: null,");
    }
}
