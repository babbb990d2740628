using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using FluentAssertions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.OpenApi;
using Microsoft.OpenApi.Reader;

namespace MockAccounts.Server.Tests;

/// <summary>The dashboard and an admin API a person can read: routes listed, wrong methods named, output indented on request.</summary>
public sealed partial class AdminReadabilityTests
{
    private static RunningServer Server => SharedServer.Instance;

    private static HttpClient Client => Server.Client;

    [TestCase("GET", "/")]
    [TestCase("GET", "/__admin")]
    [TestCase("HEAD", "/")]
    [TestCase("HEAD", "/__admin")]
    public async Task A_person_opening_the_bare_address_is_led_to_the_dashboard(string method, string path)
    {
        using var client = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false }) { BaseAddress = Server.Address };

        var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        response.StatusCode.Should().Be(HttpStatusCode.Found);
        response.Headers.Location!.OriginalString.Should().Be("/__admin/");
    }

    [Test]
    public async Task The_dashboard_comes_from_the_assembly_with_a_content_security_policy_and_nothing_from_elsewhere()
    {
        var page = await Client.GetAsync("/__admin/");

        page.StatusCode.Should().Be(HttpStatusCode.OK);
        page.Content.Headers.ContentType!.MediaType.Should().Be("text/html");
        var policy = page.Headers.GetValues("Content-Security-Policy").Single();
        policy.Should().Contain("default-src 'none'").And.Contain("script-src 'self'").And.Contain("connect-src 'self'").And.NotContain("unsafe-inline");
        var html = await page.Content.ReadAsStringAsync();
        var assets = AssetReference().Matches(html).Select(m => m.Groups["path"].Value).ToArray();
        assets.Should().Contain(["dashboard/dashboard.js", "dashboard/dashboard.css"]);
        foreach (var asset in assets)
        {
            var response = await Client.GetAsync($"/__admin/{asset}");
            response.StatusCode.Should().Be(HttpStatusCode.OK, asset);
            response.Headers.GetValues("Content-Security-Policy").Single().Should().Be(policy);
            (await response.Content.ReadAsStringAsync()).Should().NotMatchRegex(@"(https?:)?//(?!www\.w3\.org/2000/svg)[a-z0-9.-]+\.[a-z]{2,}/", $"{asset} must load nothing from another host (an SVG namespace loads nothing)");
        }

        html.Should().NotContain("<script>").And.NotContain("style=", "inline code would need 'unsafe-inline'");
    }

    [Test]
    public async Task A_dashboard_file_is_not_sent_again_while_unchanged()
    {
        var first = await Client.GetAsync("/__admin/dashboard/dashboard.js");
        using var again = new HttpRequestMessage(HttpMethod.Get, "/__admin/dashboard/dashboard.js");
        again.Headers.IfNoneMatch.Add(first.Headers.ETag!);

        (await Client.SendAsync(again)).StatusCode.Should().Be(HttpStatusCode.NotModified);
    }

    [Test]
    public async Task Vendors_come_with_every_scenario_its_status_description_and_group_in_one_call()
    {
        var vendors = (await Client.GetFromJsonAsync<JsonNode>("/__admin/vendors"))!["vendors"]!.AsArray();
        var runloop = vendors.Single(v => v!["name"]!.GetValue<string>() == "runloop")!;
        var catalogue = Server.Contracts.Current.Contracts.Find("runloop")!.Documented.Catalogue;

        var scenarios = runloop["scenarios"]!.AsArray().Select(s => s!["name"]!.GetValue<string>());
        scenarios.Should().Equal(catalogue.Names);
        var quota = runloop["scenarios"]!.AsArray().Single(s => s!["name"]!.GetValue<string>() == "quota-reached")!;
        quota["description"]!.GetValue<string>().Should().Be(catalogue.Find("quota-reached")!.Description);
        quota["status"]!.GetValue<int>().Should().Be(200);
        Group(runloop, "quota-reached").Should().Be("persona");
        Group(runloop, "rate-limited").Should().Be("error");
        Group(runloop, "connection-reset").Should().Be("fault");
        Group(runloop, "slow").Should().Be("fault");
        Group(runloop, "flaky").Should().Be("sequence");
        Answers(runloop, "quota-reached").Should().Be("null [200]");
        Answers(runloop, "connection-reset").Should().Be("connection-reset [connection-reset]", "a reset sends no status: its 200 never arrives");
        Answers(runloop, "empty-response").Should().Be("empty-response [empty-response]");
        Answers(runloop, "malformed-json").Should().Be("malformed-json [200]", "a cut-off body arrives with its status");
        Answers(runloop, "reset-then-ok").Should().Be("connection-reset [connection-reset, 200]");
        runloop["accountEndpoint"]!.GetValue<string>().Should().Be("GET /v1/accounts/me");
        runloop["credentials"]![0]!["header"]!.GetValue<string>().Should().Be("Authorization");
        runloop["credentials"]![0]!["scheme"]!.GetValue<string>().Should().Be("Bearer");
        var ultravox = vendors.Single(v => v!["name"]!.GetValue<string>() == "ultravox")!;
        ultravox["credentials"]![0]!["header"]!.GetValue<string>().Should().Be("X-API-Key");
        ultravox["credentials"]![0]!["scheme"].Should().BeNull();
    }

    [Test]
    public async Task A_vendor_that_declares_a_credential_shape_is_listed_with_a_fresh_example_the_vendor_accepts()
    {
        var ultravox = await CredentialOf("ultravox");
        var example = (string)ultravox["example"]!;

        (await CredentialOf("runloop"))["example"].Should().BeNull("Runloop's contract declares no credential shape");
        ((string)(await CredentialOf("ultravox"))["example"]!).Should().NotBe(example, "each listing makes a new credential");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/accounts/me");
        request.Headers.Add((string)ultravox["header"]!, example);
        var response = await Client.SendAsync(request);
        response.StatusCode.Should().Be(HttpStatusCode.OK, "the example has the shape Ultravox's contract declares");
    }

    private static async Task<JsonNode> CredentialOf(string vendor) =>
        (await Client.GetFromJsonAsync<JsonNode>("/__admin/vendors"))!["vendors"]!.AsArray()
            .Single(v => (string)v!["name"]! == vendor)!["credentials"]![0]!;

    [Test]
    public async Task Output_is_compact_for_machines_and_indented_on_request()
    {
        (await Client.GetStringAsync("/__admin/vendors")).Should().NotContain("\n");

        var pretty = await Client.GetAsync("/__admin/vendors?pretty");
        pretty.Content.Headers.ContentType!.MediaType.Should().Be("application/json");
        (await pretty.Content.ReadAsStringAsync()).Should().StartWith("{\n  \"vendors\": [\n");

        using var plain = new HttpRequestMessage(HttpMethod.Get, "/__admin/scenarios");
        plain.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/plain"));
        var text = await Client.SendAsync(plain);
        text.Content.Headers.ContentType!.MediaType.Should().Be("text/plain");
        (await text.Content.ReadAsStringAsync()).Should().StartWith("{\n  \"scenarios\": [\n");

        var problem = await Client.GetAsync("/__admin/vendors/nobody?pretty");
        problem.StatusCode.Should().Be(HttpStatusCode.NotFound);
        problem.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        (await problem.Content.ReadAsStringAsync()).Should().Contain("\n  \"title\": \"Unknown vendor\"");
    }

    [Test]
    public async Task The_openapi_document_describes_the_body_of_every_call_that_reads_one_and_of_none_that_does_not()
    {
        var document = (await Client.GetFromJsonAsync<JsonNode>("/__admin/openapi.json"))!;
        var operations = document["paths"]!.AsObject()
            .SelectMany(p => p.Value!.AsObject().Where(o => o.Key != "parameters").Select(o => (Call: $"{o.Key.ToUpperInvariant()} {p.Key}", Operation: o.Value!)))
            .ToDictionary(o => o.Call, o => o.Operation);
        JsonNode? BodyOf(string call) => operations[call]["requestBody"];
        JsonNode PropertiesOf(string call)
        {
            var reference = (string)BodyOf(call)!["content"]!["application/json"]!["schema"]!["$ref"]!;
            return document["components"]!["schemas"]![reference.Split('/')[^1]]!["properties"]!;
        }

        operations.Where(o => o.Key.StartsWith("PUT ", StringComparison.Ordinal) || o.Key.StartsWith("PATCH ", StringComparison.Ordinal))
            .Should().OnlyContain(o => o.Value["requestBody"] != null, "every PUT and PATCH of the admin API reads a body");
        PropertiesOf("PUT /__admin/vendors/{vendor}/tokens/{token}/scenario").AsObject().Select(p => p.Key).Should().Equal("scenario");
        PropertiesOf("PUT /__admin/vendors/{vendor}/variant").AsObject().Select(p => p.Key).Should().Equal("variant");
        PropertiesOf("PUT /__admin/scenarios/{vendor}/state").AsObject().Select(p => p.Key).Should().Equal("state");
        ((bool)BodyOf("PUT /__admin/scenarios/{vendor}/state")!["required"]!).Should().BeFalse("no body resets the scenario");
        ((bool)BodyOf("POST /__admin/mappings")!["required"]!).Should().BeTrue();
        BodyOf("POST /__admin/requests/count").Should().NotBeNull();
        BodyOf("POST /__admin/reset").Should().BeNull("a reset reads no body");
        BodyOf("GET /__admin/vendors").Should().BeNull();
    }

    [Test]
    public async Task The_openapi_document_describes_exactly_the_admin_endpoints_that_exist()
    {
        var text = await Client.GetStringAsync("/__admin/openapi.json");
        var read = OpenApiDocument.Parse(text, "json", new OpenApiReaderSettings());
        read.Diagnostic!.Errors.Should().BeEmpty();
        read.Diagnostic.SpecificationVersion.Should().Be(OpenApiSpecVersion.OpenApi3_1);
        var documented = read.Document!.Paths
            .SelectMany(p => p.Value.Operations!.Select(o => $"{o.Key.Method.ToUpperInvariant()} {p.Key}"))
            .Order(StringComparer.Ordinal)
            .ToArray();

        var existing = Server.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText!.StartsWith("/__admin", StringComparison.Ordinal))
            .Where(e => e.Metadata.GetMetadata<IExcludeFromDescriptionMetadata>()?.ExcludeFromDescription != true)
            .SelectMany(e => e.Metadata.GetMetadata<IHttpMethodMetadata>()!.HttpMethods.Select(m => $"{m} {PathOf(e)}"))
            .Distinct()
            .Order(StringComparer.Ordinal)
            .ToArray();

        documented.Should().Equal(existing);
        existing.Should().Contain(["GET /__admin/vendors", "PUT /__admin/scenarios/{vendor}/state", "HEAD /__admin/health", "GET /__admin/openapi.json"]);
        foreach (var (path, item) in read.Document.Paths)
        {
            foreach (var (method, operation) in item.Operations!)
            {
                operation.Summary.Should().NotBeNullOrWhiteSpace().And.NotBe($"{method.Method} {path}", "every admin endpoint says what it does");
            }
        }

        var vendors = read.Document.Paths["/__admin/vendors"].Operations![HttpMethod.Get].Responses!["200"].Content!["application/json"].Schema!;
        vendors.Should().BeOfType<OpenApiSchemaReference>().Which.Reference.Id.Should().Be("VendorsDto");
        var summary = read.Document.Components!.Schemas!["VendorSummaryDto"];
        summary.Properties!.Keys.Should().Contain(["name", "scenario", "scenarios", "credentials", "accountEndpoint"]);
        read.Document.Components.Schemas.Keys.Should().Contain(["ScenarioInfoDto", "HealthDto", "AccountDto", "ServeEventsDto"]).And.NotContain("JsonNodeOptions", "a vendor body is any JSON");
        read.Document.Paths["/__admin/requests"].Operations![HttpMethod.Get].Parameters!.Select(p => p.Name).Should().Contain(["limit", "since"]);
        read.Document.Paths["/__admin/vendors/{vendor}"].Parameters!.Single().Name.Should().Be("vendor");
        read.Document.Paths["/__admin/health"].Operations![HttpMethod.Get].Security.Should().BeNullOrEmpty("health never needs the key");
        read.Document.Paths["/__admin/vendors"].Operations![HttpMethod.Get].Security.Should().NotBeNullOrEmpty();
    }

    [TestCase("GET", "/__admin/scenario")]
    [TestCase("GET", "/__admin/docs")]
    [TestCase("POST", "/__admin/vendors/runloop/tokens/rl_x")]
    public async Task An_unknown_admin_path_lists_the_routes_that_exist(string method, string path)
    {
        var problem = await Calls.ProblemAsync(await Client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path)), 404);

        problem["title"]!.GetValue<string>().Should().Be("Unknown admin path");
        var routes = problem["routes"]!.AsArray().Select(r => r!.GetValue<string>()).ToArray();
        routes.Should().Contain(["GET, HEAD /__admin/scenarios", "PUT /__admin/scenarios/{vendor}/state", "GET, HEAD /__admin/vendors"]);
        problem["detail"]!.GetValue<string>().Should().Contain("GET, HEAD /__admin/scenarios").And.Contain("/__admin/openapi.json");
    }

    [TestCase("DELETE", "/__admin/scenarios", "GET, HEAD")]
    [TestCase("POST", "/__admin/vendors/runloop", "GET, HEAD")]
    [TestCase("GET", "/__admin/reset", "POST")]
    [TestCase("PATCH", "/__admin/vendors/runloop/tokens/t1/scenario", "PUT, DELETE")]
    public async Task A_known_admin_path_asked_with_another_method_is_405_with_Allow(string method, string path, string allow)
    {
        var response = await Client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        var problem = await Calls.ProblemAsync(response, 405);
        string.Join(", ", response.Content.Headers.Allow).Should().Be(allow);
        problem["detail"]!.GetValue<string>().Should().Contain(allow).And.Contain(method);
    }

    [TestCase("GET", "/__admin/settings")]
    [TestCase("POST", "/__admin/recordings/start")]
    [TestCase("POST", "/__admin/requests/remove-by-metadata")]
    [TestCase("POST", "/__admin/near-misses/request-pattern")]
    [TestCase("POST", "/__admin/shutdown")]
    public async Task Only_deliberately_absent_WireMock_features_answer_not_supported(string method, string path)
    {
        var problem = await Calls.ProblemAsync(await Client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path)), 404);

        problem["title"]!.GetValue<string>().Should().Be("Not supported");
    }

    [Test]
    public async Task HEAD_is_answered_wherever_GET_is()
    {
        var document = (await Client.GetFromJsonAsync<JsonNode>("/__admin/openapi.json"))!["paths"]!.AsObject();
        var gets = document.Where(p => p.Value!["get"] is not null).Select(p => p.Key).ToArray();
        gets.Should().HaveCountGreaterThan(8);
        foreach (var template in gets)
        {
            var path = template.Replace("{vendor}", "runloop").Replace("{token}", "head-token").Replace("{id}", Guid.Empty.ToString());
            var get = await Client.GetAsync(path);
            var head = await Client.SendAsync(new HttpRequestMessage(HttpMethod.Head, path));

            head.StatusCode.Should().Be(get.StatusCode, path);
            head.Content.Headers.ContentType?.MediaType.Should().Be(get.Content.Headers.ContentType?.MediaType, path);
            (await head.Content.ReadAsByteArrayAsync()).Should().BeEmpty(path);
        }
    }

    [Test]
    public async Task User_input_echoed_in_an_admin_error_is_cut_to_a_readable_length()
    {
        var path = "/__admin/" + new string('x', 5000);

        var problem = await Calls.ProblemAsync(await Client.GetAsync(path), 404);

        problem["detail"]!.GetValue<string>().Should().NotContain(new string('x', 200)).And.Contain("more characters");
    }

    [Test]
    public async Task With_an_admin_key_the_page_loads_but_nothing_is_readable_or_changeable_without_the_key()
    {
        await using var server = await RunningServer.StartAsync(null, "--MockAccounts:Admin:Key=dashboard-key", "--MockAccounts:HotReload=false");

        (await server.Client.GetAsync("/__admin/")).StatusCode.Should().Be(HttpStatusCode.OK, "the page itself holds no data: it asks for the key");
        foreach (var path in new[] { "/__admin/vendors", "/__admin/openapi.json", "/__admin/requests", "/__admin/scenario" })
        {
            (await server.Client.GetAsync(path)).StatusCode.Should().Be(HttpStatusCode.Unauthorized, path);
        }

        (await server.Client.PutAsJsonAsync("/__admin/scenarios/runloop/state", new { state = "quota-reached" })).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await server.Client.PostAsync("/__admin/reset", null)).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        using var withKey = new HttpRequestMessage(HttpMethod.Get, "/__admin/vendors");
        withKey.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "dashboard-key");
        (await server.Client.SendAsync(withKey)).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    private static string? Group(JsonNode vendor, string scenario) =>
        vendor["scenarios"]!.AsArray().Single(s => s!["name"]!.GetValue<string>() == scenario)!["group"]!.GetValue<string>();

    /// <summary>A scenario's fault and what each step answers, as "fault [answer, …]".</summary>
    private static string Answers(JsonNode vendor, string scenario)
    {
        var found = vendor["scenarios"]!.AsArray().Single(s => s!["name"]!.GetValue<string>() == scenario)!;
        return $"{found["fault"]?.GetValue<string>() ?? "null"} [{string.Join(", ", found["answers"]!.AsArray().Select(a => a!.GetValue<string>()))}]";
    }

    private static string PathOf(RouteEndpoint endpoint)
    {
        var path = "/" + endpoint.RoutePattern.RawText!.Trim('/');
        return path == "/__admin" ? "/__admin/" : path;
    }

    [GeneratedRegex(@"(?:src|href)=""(?<path>dashboard/[^""]+)""")]
    private static partial Regex AssetReference();
}
