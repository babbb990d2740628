using System.Net;
using System.Text;
using FluentAssertions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MockAccounts.AspNetCore.Hosting;
using MockAccounts.AspNetCore.Journal;
using MockAccounts.Core.Loading;
using MockAccounts.Core.Runtime;

namespace MockAccounts.Server.Tests;

/// <summary>MockAccounts mounted inside an application of its own: the vendors answer, everything else reaches the application.</summary>
[Parallelizable(ParallelScope.All)]
public sealed class MountedTests
{
    [Test]
    public async Task The_vendors_answer_inside_the_application_and_its_own_endpoints_and_404_stay_its_own()
    {
        await using var app = await StartAsync(Mount);
        using var client = Client(app);
        var token = Calls.NewToken("mounted");

        using var vendor = new HttpRequestMessage(HttpMethod.Get, "/v1/accounts/me");
        vendor.Headers.Authorization = new("Bearer", token);
        using var answered = await client.SendAsync(vendor);
        var own = await client.GetStringAsync("/own");
        using var unknown = await client.GetAsync("/no/such/path");

        answered.StatusCode.Should().Be(HttpStatusCode.OK);
        own.Should().Be("the application's own");
        unknown.StatusCode.Should().Be(HttpStatusCode.NotFound);
        unknown.Content.Headers.ContentType.Should().BeNull("the application's own 404 answers, not the mock's problem");
        app.Services.GetRequiredService<RequestJournal>().Snapshot().Should().ContainSingle("the application's requests are not the mock's to journal")
            .Which.Token.Should().Be(token);
    }

    [Test]
    public async Task The_admin_api_is_mapped_under_admin_and_a_vendors_own_path_is_the_mocks()
    {
        await using var app = await StartAsync(Mount);
        using var client = Client(app);

        using var vendors = await client.GetAsync("/__admin/vendors");
        using var unknownAdmin = await client.GetAsync("/__admin/nope");
        using var wrongMethod = await client.DeleteAsync("/v1/accounts/me");

        vendors.StatusCode.Should().Be(HttpStatusCode.OK);
        unknownAdmin.StatusCode.Should().Be(HttpStatusCode.NotFound, "the admin API's catch-all answers under /__admin");
        wrongMethod.StatusCode.Should().Be(HttpStatusCode.MethodNotAllowed, "a path a vendor documents is the mock's, whatever the method");
    }

    [TestCase(false)]
    [TestCase(true)]
    public async Task A_request_the_mock_read_but_does_not_answer_reaches_the_application_with_its_body(bool sockets)
    {
        await using var app = await StartAsync(Mount, sockets);
        using var client = Client(app);
        // A stub makes the mock read every request's body: a stub may match any path by its body.
        (await client.PostAsync("/__admin/mappings", Calls.Json("""{"request": {"method": "POST", "urlPath": "/stubbed", "bodyPatterns": [{"contains": "stub"}]}, "response": {"status": 202}}""")))
            .StatusCode.Should().Be(HttpStatusCode.Created);

        using var stubbed = await client.PostAsync("/stubbed", new StringContent("a stub body"));
        using var streamed = await client.PostAsync("/own/stream", new StringContent("render 4k"));
        using var piped = await client.PostAsync("/own/pipe", new StringContent("render 8k"));

        stubbed.StatusCode.Should().Be(HttpStatusCode.Accepted);
        (await streamed.Content.ReadAsStringAsync()).Should().Be("stream: render 4k");
        (await piped.Content.ReadAsStringAsync()).Should().Be("pipe: render 8k");
    }

    [Test]
    public async Task An_unknown_setting_in_the_applications_configuration_fails_its_start_naming_it()
    {
        var start = () => StartAsync(Mount, sockets: false, "--MockAccounts:Valdation=off");

        (await start.Should().ThrowAsync<OptionsValidationException>()).Which.Failures
            .Should().Equal("--MockAccounts:Valdation (command line): no such setting; did you mean --MockAccounts:Validation?");
    }

    [Test]
    public async Task A_broken_contract_fails_the_applications_start_with_the_contract_error()
    {
        var start = () => StartAsync(Mount, sockets: false, $"--MockAccounts:ExtraContracts:0={Path.Combine(Repository.Root, "tests/MockAccounts.Core.Tests/TestData/broken/unknown-key")}");

        await start.Should().ThrowAsync<ContractLoadException>();
    }

    [Test]
    public async Task Mapping_the_admin_api_without_the_middleware_fails_the_start_saying_what_to_add()
    {
        var start = () => StartAsync(app => app.MapMockAccounts());

        (await start.Should().ThrowAsync<InvalidOperationException>()).Which.Message.Should().Contain("app.UseMockAccounts()");
    }

    [Test]
    public void Using_the_middleware_without_the_services_says_what_to_add()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        using var app = builder.Build();

        var use = () => app.UseMockAccounts();

        use.Should().Throw<InvalidOperationException>().WithMessage("UseMockAccounts needs MockAccounts' services: call services.AddMockAccounts()*");
    }

    /// <summary>The application's pipeline: the vendors first, its own endpoints, the admin API.</summary>
    private static void Mount(WebApplication app)
    {
        app.UseMockAccounts();
        app.MapGet("/own", () => "the application's own");
        app.MapPost("/own/stream", async (HttpRequest request) => $"stream: {await new StreamReader(request.Body).ReadToEndAsync()}");
        app.MapPost("/own/pipe", async (HttpRequest request) =>
        {
            var read = await request.BodyReader.ReadAtLeastAsync(int.MaxValue);
            var text = Encoding.UTF8.GetString(read.Buffer);
            request.BodyReader.AdvanceTo(read.Buffer.End);
            return $"pipe: {text}";
        });
        app.MapMockAccounts();
    }

    private static async Task<WebApplication> StartAsync(Action<WebApplication> pipeline, bool sockets = false, params string[] settings)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            Args =
            [
                "--urls", "http://127.0.0.1:0",
                "--MockAccounts:Contracts", Repository.Root,
                "--MockAccounts:HotReload", "false",
                "--MockAccounts:RequestLog", "false",
                "--MockAccounts:ReferenceTime", "2026-11-22T00:00:00Z",
                .. settings,
            ],
        });
        if (!sockets)
        {
            builder.WebHost.UseTestServer();
        }

        builder.Logging.ClearProviders();
        builder.Services.AddMockAccounts();
        var app = builder.Build();
        pipeline(app);
        try
        {
            await app.StartAsync();
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }

        return app;
    }

    /// <summary>A client of the application; every vendor response is checked against its contract.</summary>
    private static HttpClient Client(WebApplication app)
    {
        var contracts = app.Services.GetRequiredService<ContractStore>();
        if (app.Services.GetRequiredService<IServer>() is TestServer memory)
        {
            return new HttpClient(new ContractCheckingHandler(contracts) { InnerHandler = memory.CreateHandler() }) { BaseAddress = new Uri("http://localhost/") };
        }

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return new HttpClient(new ContractCheckingHandler(contracts) { InnerHandler = new SocketsHttpHandler() }) { BaseAddress = new Uri(address) };
    }
}
