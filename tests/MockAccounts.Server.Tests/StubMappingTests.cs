using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using FluentAssertions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MockAccounts.Core.Loading;
using MockAccounts.Core.Runtime;
using MockAccounts.AspNetCore.Hosting;
using MockAccounts.Tests.Support;

namespace MockAccounts.Server.Tests;

/// <summary>WireMock stub mappings beside the contracts: admin API, files, precedence and the contract check, delays, templates.</summary>
public sealed class StubMappingTests
{
    private const string RunloopAccount = "/v1/accounts/me";

    private const string BreakingMapping =
        """{"request": {"method": "GET", "urlPath": "/v1/accounts/me"}, "response": {"status": 200, "jsonBody": {"nope": 1}, "headers": {"Content-Type": "application/json"}}}""";

    [Test]
    public async Task A_mapping_made_through_the_admin_API_answers_is_listed_and_shows_in_the_journal()
    {
        await using var server = await RunningServer.StartAsync();
        var created = await server.Client.PostAsync("/__admin/mappings", Calls.Json("""
            {"name": "ping", "request": {"method": "GET", "urlPath": "/team/ping", "queryParameters": {"v": {"equalTo": "1"}}},
             "response": {"status": 200, "body": "pong", "headers": {"Content-Type": "text/plain"}}}
            """));
        created.StatusCode.Should().Be(HttpStatusCode.Created);
        var id = (await created.Content.ReadFromJsonAsync<JsonNode>())!["id"]!.GetValue<string>();

        var answer = await server.Client.GetAsync("/team/ping?v=1");

        (await answer.Content.ReadAsStringAsync()).Should().Be("pong");
        (await server.Client.GetAsync("/team/ping?v=2")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        var listed = await server.Client.GetFromJsonAsync<JsonNode>("/__admin/mappings");
        listed!["mappings"]!.AsArray().Select(m => m!["id"]!.GetValue<string>()).Should().Equal(id);
        listed["meta"]!["total"]!.GetValue<int>().Should().Be(1);
        var journal = await server.Client.GetFromJsonAsync<JsonNode>("/__admin/requests");
        var events = journal!["requests"]!.AsArray();
        events[1]!["stubMapping"]!["id"]!.GetValue<string>().Should().Be(id);
        events[1]!["wasMatched"]!.GetValue<bool>().Should().BeTrue();
        events[0]!["wasMatched"]!.GetValue<bool>().Should().BeFalse();
        var nearMisses = await server.Client.GetFromJsonAsync<JsonNode>("/__admin/requests/unmatched/near-misses");
        nearMisses!["nearMisses"]![0]!["stubMapping"]!["id"]!.GetValue<string>().Should().Be(id);
    }

    [TestCase("""{"request": {"urlPath": "/x", "multipartPatterns": []}, "response": {}}""", "request.multipartPatterns: not supported")]
    [TestCase("""{"request": {"urlPath": "/x"}, "response": {"proxyBaseUrl": "http://example.com"}}""", "response.proxyBaseUrl: not supported")]
    [TestCase("""{"request": {"urlPath": "/x"}, "response": {"fault": "SLOW"}}""", "response.fault: '\"SLOW\"' is not supported (supported: CONNECTION_RESET_BY_PEER")]
    [TestCase("""{"request": {"urlPath": "/x"}, "response": {"transformers": ["body-transformer"]}}""", "'body-transformer' is not supported")]
    [TestCase("""{"request": {"urlPath": "/x"}, "response": {"delayDistribution": {"type": "fixed"}}}""", "response.delayDistribution: expected")]
    [TestCase("""{"request": {"urlPath": "/x", "headers": {"A": {"contains": "b", "caseInsensitive": true}}}, "response": {}}""", "request.headers.A.caseInsensitive: not supported with 'contains'")]
    [TestCase("""{"request": {"urlPath": "/x"}, "response": {"bodyFileName": "missing.json"}}""", "'missing.json' is not in any __files/ folder")]
    [TestCase("""{"request": {"urlPath": "/x"}, "response": {}, "postServeActions": []}""", "postServeActions: not supported")]
    public async Task A_mapping_outside_the_supported_subset_is_refused_naming_the_field(string mapping, string detail)
    {
        await using var server = await RunningServer.StartAsync();

        var response = await server.Client.PostAsync("/__admin/mappings", Calls.Json(mapping));

        (await Calls.ProblemAsync(response, 400))["detail"]!.GetValue<string>().Should().Contain(detail);
        (await server.Client.GetFromJsonAsync<JsonNode>("/__admin/mappings"))!["mappings"]!.AsArray().Should().BeEmpty();
    }

    [Test]
    public async Task Strict_validation_refuses_a_mapping_that_breaks_the_vendor_operation_contract()
    {
        await using var server = await RunningServer.StartAsync();

        var response = await server.Client.PostAsync("/__admin/mappings", Calls.Json(BreakingMapping));

        (await Calls.ProblemAsync(response, 400))["detail"]!.GetValue<string>().Should().Contain($"response breaks the contract: GET {RunloopAccount}");
    }

    [Test]
    public async Task A_mapping_that_keeps_the_contract_answers_before_it()
    {
        await using var server = await RunningServer.StartAsync();
        var token = Calls.NewToken("override");
        var generated = await server.Client.GetFromJsonAsync<JsonNode>($"/__admin/vendors/runloop/tokens/{token}/account");
        var mapping = new JsonObject
        {
            ["request"] = new JsonObject { ["method"] = "GET", ["urlPath"] = RunloopAccount, ["headers"] = new JsonObject { ["Authorization"] = new JsonObject { ["equalTo"] = $"Bearer {token}" } } },
            ["response"] = new JsonObject
            {
                ["status"] = 200,
                ["jsonBody"] = generated!["body"]!.DeepClone(),
                ["headers"] = new JsonObject { ["Content-Type"] = "application/json", ["X-Team-Override"] = "yes" },
            },
        };
        (await server.Client.PostAsync("/__admin/mappings", Calls.Json(mapping.ToJsonString()))).StatusCode.Should().Be(HttpStatusCode.Created);

        var (status, _, response) = await Calls.SendAsync(server.Client, Calls.Account(server, "runloop", token));
        var other = (await Calls.SendAsync(server.Client, Calls.Account(server, "runloop", Calls.NewToken("contract")))).Response;

        status.Should().Be(200);
        response.Headers.GetValues("X-Team-Override").Should().Equal("yes");
        other.Headers.Contains("X-Team-Override").Should().BeFalse("other tokens still get the contract's answer");
    }

    [Test]
    public async Task Warn_validation_serves_a_breaking_mapping_with_the_violation_header()
    {
        await using var server = await RunningServer.StartAsync(null, "--MockAccounts:Validation", "warn");
        (await server.Client.PostAsync("/__admin/mappings", Calls.Json(BreakingMapping))).StatusCode.Should().Be(HttpStatusCode.Created);
        using var raw = new HttpClient { BaseAddress = server.Address };

        var response = await raw.GetAsync(RunloopAccount);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).Should().Be("""{"nope":1}""");
        response.Headers.GetValues(ViolationResponse.Header).Single().Should().Contain("expected");
    }

    [TestCase("strict", true)]
    [TestCase("warn", false)]
    public async Task A_mapping_file_that_breaks_the_contract_stops_a_strict_start(string mode, bool refused)
    {
        var folder = MappingsFolder(("bad.json", $$$"""{"request": {"method": "GET", "url": "{{{RunloopAccount}}}"}, "response": {"status": 200, "body": "plain text"}}"""));

        var start = () => StartAsync(folder, mode);

        if (refused)
        {
            (await start.Should().ThrowAsync<ContractLoadException>())
                .WithMessage($"*{Path.Combine(folder, "mappings", "bad.json")}*GET {RunloopAccount}*");
        }
        else
        {
            await using var server = await start();
            server.Services.GetRequiredService<MockPipeline>().Stubs.All.Should().ContainSingle();
        }
    }

    [Test]
    public async Task A_mapping_file_outside_the_subset_stops_the_start_naming_file_and_field()
    {
        var folder = MappingsFolder(("many.json", """{"mappings": [{"request": {"urlPath": "/a"}, "response": {}}, {"request": {"urlPath": "/b"}, "response": {"chunkedDribbleDelay": {}}}]}"""));

        var start = () => StartAsync(folder, "strict");

        (await start.Should().ThrowAsync<ContractLoadException>()).WithMessage("*many.json: mappings[1]: response.chunkedDribbleDelay: not supported*");
    }

    [Test]
    public async Task Delays_wait_on_the_pipeline_clock()
    {
        var time = new CountingClock();
        await using var server = await RunningServer.StartWithClockAsync(time);
        await CreateAsync(server, """{"request": {"urlPath": "/team/slow"}, "response": {"body": "late", "fixedDelayMilliseconds": 60000}}""");

        var pending = server.Client.GetStringAsync("/team/slow");
        await Eventually.UntilAsync(() => time.Timers > 0, "the stub's delay to wait on the clock");

        pending.IsCompleted.Should().BeFalse("a minute has not passed on the pipeline's clock");
        time.Advance(TimeSpan.FromMinutes(1));
        (await pending).Should().Be("late");
    }

    [Test]
    public async Task Templates_render_the_request_and_the_pipeline_clock()
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2030-01-02T03:04:05Z", System.Globalization.CultureInfo.InvariantCulture));
        await using var server = await RunningServer.StartWithClockAsync(time);
        await CreateAsync(server, """
            {"request": {"method": "POST", "urlPathPattern": "/team/echo/.*"},
             "response": {"body": "{{request.pathSegments.[2]}} {{request.headers.x-name}} {{jsonPath request.body '$.a'}} {{request.query.q}} {{now}} {{now offset='1 days' format='yyyy-MM-dd'}}",
                          "headers": {"X-Echo": "{{request.method}}"}, "transformers": ["response-template"]}}
            """);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/team/echo/seg?q=1") { Content = Calls.Json("""{"a": "b<c>"}""") };
        request.Headers.Add("X-Name", "ann");

        var response = await server.Client.SendAsync(request);

        (await response.Content.ReadAsStringAsync()).Should().Be("seg ann b<c> 1 2030-01-02T03:04:05Z 2030-01-03");
        response.Headers.GetValues("X-Echo").Should().Equal("POST");
    }

    [Test]
    public async Task Stub_scenarios_show_beside_vendor_scenarios_and_move_on()
    {
        await using var server = await RunningServer.StartAsync();
        await CreateAsync(server, """{"scenarioName": "door", "requiredScenarioState": "Started", "newScenarioState": "open", "request": {"method": "POST", "urlPath": "/team/door"}, "response": {"body": "opened"}}""");
        await CreateAsync(server, """{"scenarioName": "door", "requiredScenarioState": "open", "request": {"urlPath": "/team/door"}, "response": {"body": "already open"}}""");

        (await server.Client.PostAsync("/team/door", null)).StatusCode.Should().Be(HttpStatusCode.OK);

        var scenarios = (await server.Client.GetFromJsonAsync<JsonNode>("/__admin/scenarios"))!["scenarios"]!.AsArray();
        scenarios.Select(s => s!["name"]!.GetValue<string>()).Should().Contain(["runloop", "door"]);
        var door = scenarios.Single(s => s!["name"]!.GetValue<string>() == "door")!;
        door["state"]!.GetValue<string>().Should().Be("open");
        door["possibleStates"]!.AsArray().Select(s => s!.GetValue<string>()).Should().Equal("Started", "open");
        (await server.Client.PostAsync("/team/door", null)).Content.ReadAsStringAsync().Result.Should().Be("already open");
        (await server.Client.PostAsync("/__admin/scenarios/reset", null)).EnsureSuccessStatusCode();
        (await server.Client.PostAsync("/team/door", null)).Content.ReadAsStringAsync().Result.Should().Be("opened");
    }

    [Test]
    public async Task A_connection_fault_reaches_the_client()
    {
        await using var server = await RunningServer.StartAsync();
        await CreateAsync(server, """{"request": {"urlPath": "/team/reset"}, "response": {"fault": "CONNECTION_RESET_BY_PEER"}}""");

        var call = () => server.Client.GetAsync("/team/reset");

        await call.Should().ThrowAsync<HttpRequestException>();
    }

    [Test]
    public async Task Save_writes_admin_mappings_to_the_configured_folder_and_refuses_without_one()
    {
        var folder = Path.Combine(Path.GetTempPath(), "mockaccounts-tests", Guid.NewGuid().ToString("N"));
        await using (var unconfigured = await RunningServer.StartAsync())
        {
            (await Calls.ProblemAsync(await unconfigured.Client.PostAsync("/__admin/mappings/save", null), 409))["detail"]!.GetValue<string>()
                .Should().Contain("MockAccounts:Mappings:SaveFolder");
        }

        await using var server = await RunningServer.StartAsync(null, "--MockAccounts:Mappings:SaveFolder", folder);
        var id = await CreateAsync(server, """{"request": {"urlPath": "/team/kept"}, "response": {"body": "kept"}}""");

        (await server.Client.PostAsync("/__admin/mappings/save", null)).EnsureSuccessStatusCode();

        var saved = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(folder, $"{id}.json")))!;
        saved["request"]!["urlPath"]!.GetValue<string>().Should().Be("/team/kept");
        saved["persistent"]!.GetValue<bool>().Should().BeTrue();
    }

    [Test]
    public async Task Mapping_files_hot_reload_like_contracts()
    {
        var root = Repository.CopyOf(Repository.Root);
        Directory.CreateDirectory(Path.Combine(root, "mappings"));
        await using var server = await RunningServer.StartAsync(root);

        await File.WriteAllTextAsync(Path.Combine(root, "mappings", "late.json"), """{"request": {"urlPath": "/team/late"}, "response": {"body": "arrived"}}""");

        // Generous: on a loaded machine a reload (a full contract load) can take many seconds; this bounds the wait, it times nothing.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        HttpStatusCode status;
        while ((status = (await server.Client.GetAsync("/team/late")).StatusCode) != HttpStatusCode.OK && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        status.Should().Be(HttpStatusCode.OK, (await server.Client.GetStringAsync("/__admin/health")));
    }

    private static async Task<string> CreateAsync(RunningServer server, string mapping)
    {
        var response = await server.Client.PostAsync("/__admin/mappings", Calls.Json(mapping));
        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonNode>())!["id"]!.GetValue<string>();
    }

    private static string MappingsFolder(params (string Name, string Json)[] files)
    {
        var folder = Path.Combine(Path.GetTempPath(), "mockaccounts-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(folder, "mappings"));
        foreach (var (name, json) in files)
        {
            File.WriteAllText(Path.Combine(folder, "mappings", name), json);
        }

        return folder;
    }

    private static Task<RunningServer> StartAsync(string mappingsFolder, string validation) =>
        RunningServer.StartAsync(null, "--MockAccounts:ExtraContracts:0", mappingsFolder, "--MockAccounts:Validation", validation, "--MockAccounts:HotReload", "false");
}
