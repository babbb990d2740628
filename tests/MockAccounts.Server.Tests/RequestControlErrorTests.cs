using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using FluentAssertions;

namespace MockAccounts.Server.Tests;

/// <summary>
/// A vendor path asked with a method its contract does not document, HEAD, and malformed scenario asks:
/// each gets a clear answer instead of a misleading 404 or a silently ignored header.
/// </summary>
public sealed class RequestControlErrorTests
{
    private static RunningServer Server => SharedServer.Instance;

    [TestCase("POST", "/v1/accounts/me", "GET, HEAD")]
    [TestCase("DELETE", "/runloop/v1/accounts/me", "GET, HEAD")]
    [TestCase("PUT", "/v1/account/profile", "GET, HEAD, PATCH")]
    [TestCase("GET", "/v1/account/notifications/dismiss", "POST")]
    public async Task A_vendor_path_asked_with_an_undocumented_method_is_405_listing_the_documented_ones(string method, string path, string allow)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Calls.NewToken("m"));

        var response = await Server.Client.SendAsync(request);

        var problem = await Calls.ProblemAsync(response, 405);
        string.Join(", ", response.Content.Headers.Allow).Should().Be(allow);
        problem["detail"]!.GetValue<string>().Should().Contain(allow).And.Contain(method);
    }

    [Test]
    public async Task A_path_no_vendor_has_is_still_404()
    {
        (await Calls.ProblemAsync(await Server.Client.PostAsync("/v1/nothing/here", null), 404))["title"]!.GetValue<string>().Should().Be("No such endpoint");
    }

    [TestCase("runloop", null)]
    [TestCase("depicta", "code=402")]
    [TestCase("ultravox", null)]
    public async Task HEAD_answers_a_vendor_GET_with_its_status_and_headers_and_no_body(string vendor, string? prefer)
    {
        var token = Calls.NewToken("head");
        using var get = Calls.Account(Server, vendor, token);
        using var head = Calls.Account(Server, vendor, token);
        head.Method = HttpMethod.Head;
        if (prefer is not null)
        {
            get.Headers.Add("Prefer", prefer);
            head.Headers.Add("Prefer", prefer);
        }

        var got = await Server.Client.SendAsync(get);
        var headed = await Server.Client.SendAsync(head);

        headed.StatusCode.Should().Be(got.StatusCode);
        headed.Content.Headers.ContentType.Should().Be(got.Content.Headers.ContentType);
        headed.Content.Headers.ContentLength.Should().Be((await got.Content.ReadAsByteArrayAsync()).Length);
        (await headed.Content.ReadAsByteArrayAsync()).Should().BeEmpty();
    }

    [TestCase("Prefer", "code=abc", "Prefer: code=abc is not a status code (expected code=<three digits>); 'runloop' has statuses: 200, 401")]
    [TestCase("Prefer", "code=4290", "is not a status code")]
    [TestCase("Prefer", "code=", "is not a status code")]
    [TestCase("Prefer", "code=-42", "is not a status code")]
    [TestCase("Prefer", "scenario=", "Prefer: scenario= names no scenario (expected scenario=<name>); 'runloop' has scenarios: enabled, onboarding")]
    [TestCase("Prefer", "scenaro=quota-reached", "Prefer: 'scenaro' is not an option here (options: scenario=<name>, code=<status>, example=<name>, dynamic=<true|false>, variation=<realistic|edges>, variant=<name>; accepted and ignored: respond-async, return, wait, handling)")]
    [TestCase("Prefer", "quota-reached", "'quota-reached' is not an option here")]
    [TestCase("Prefer", "return=minimal, code=x", "is not a status code")]
    [TestCase("X-Mock-Scenario", " ", "X-Mock-Scenario is empty (expected a scenario name); 'runloop' has scenarios: enabled")]
    public async Task A_malformed_scenario_ask_is_a_400_saying_what_is_allowed(string header, string value, string expected)
    {
        using var request = Calls.Account(Server, "runloop", Calls.NewToken("ask"));
        request.Headers.TryAddWithoutValidation(header, value);

        var problem = await Calls.ProblemAsync(await Server.Client.SendAsync(request), 400);

        problem["title"]!.GetValue<string>().Should().Be("Invalid scenario request");
        problem["detail"]!.GetValue<string>().Should().Contain(expected);
    }

    [TestCase("return=representation")]
    [TestCase("respond-async, wait=10")]
    [TestCase("handling=lenient; code=200")]
    public async Task Standard_preferences_a_real_client_may_send_are_accepted_and_ignored(string prefer)
    {
        using var request = Calls.Account(Server, "runloop", Calls.NewToken("std"));
        request.Headers.TryAddWithoutValidation("Prefer", prefer);

        var (status, body, _) = await Calls.SendAsync(Server.Client, request);

        status.Should().Be(200);
        body!["account_status"]!.GetValue<string>().Should().Be("ACCOUNT_STATUS_ENABLED");
    }

    [Test]
    public async Task An_unknown_scenario_name_is_echoed_cut_to_a_readable_length()
    {
        using var request = Calls.Account(Server, "runloop", Calls.NewToken("long"));
        request.Headers.TryAddWithoutValidation("Prefer", "scenario=" + new string('q', 5000));

        var problem = await Calls.ProblemAsync(await Server.Client.SendAsync(request), 400);

        problem["title"]!.GetValue<string>().Should().Be("Unknown scenario");
        problem["detail"]!.GetValue<string>().Should().NotContain(new string('q', 200)).And.Contain("more characters").And.Contain("scenarios: enabled");
    }

    [Test]
    public async Task The_wrong_method_and_a_bad_ask_are_journaled_with_their_status()
    {
        var id = Guid.NewGuid().ToString("N");
        using var post = new HttpRequestMessage(HttpMethod.Post, "/v1/accounts/me");
        post.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Calls.NewToken("journaled"));
        post.Headers.Add("X-Test-Id", id);
        using var ask = Calls.Account(Server, "runloop", Calls.NewToken("journaled"));
        ask.Headers.Add("X-Test-Id", id);
        ask.Headers.TryAddWithoutValidation("Prefer", "code=abc");
        (await Server.Client.SendAsync(post)).StatusCode.Should().Be(HttpStatusCode.MethodNotAllowed);
        (await Server.Client.SendAsync(ask)).StatusCode.Should().Be(HttpStatusCode.BadRequest);

        var journal = await Server.Client.GetFromJsonAsync<JsonNode>("/__admin/requests");

        journal!["requests"]!.AsArray()
            .Where(e => e!["request"]!["headers"]!["X-Test-Id"]?.GetValue<string>() == id)
            .Select(e => $"{e!["request"]!["method"]} {e["response"]!["status"]}")
            .Should().Equal("GET 400", "POST 405");
    }
}
