using System.Net.Http.Json;
using FluentAssertions;

namespace MockAccounts.Server.Tests;

/// <summary>
/// Errors as a person at a terminal reads them: plain quotes rather than <c>\u0027</c> escapes, and a misspelt
/// scenario, vendor, variant, variation or option answered with the name it is a slip of.
/// </summary>
public sealed class ReadableErrorTests
{
    private static RunningServer Server => SharedServer.Instance;

    [Test]
    public async Task A_problem_body_writes_quotes_as_themselves()
    {
        using var response = await Server.Client.PutAsJsonAsync("/__admin/scenarios/runloop/state", new { state = "nope" });

        var text = await response.Content.ReadAsStringAsync();

        text.Should().Contain("\"detail\":\"'runloop' has no scenario 'nope' (scenarios: enabled,").And.NotContain("\\u0027");
    }

    /// <summary>ASP.NET Core's JSON options for HTTP answers already use the relaxed encoder: kept so.</summary>
    [Test]
    public async Task An_admin_answer_writes_quotes_and_embedded_JSON_as_themselves()
    {
        var text = await Server.Client.GetStringAsync("/__admin/vendors");

        text.Should().Contain("Variant 'v2.7.0' differs from the docs").And.Contain("{\\\"variant\\\": \\\"v2.7.0\\\"}")
            .And.NotContain("\\u0027").And.NotContain("\\u0022");
    }

    [TestCase("/__admin/scenarios/runloop/state", "{\"state\": \"qouta-reached\"}", 400, "'runloop' has no scenario 'qouta-reached' (scenarios: ", "Did you mean 'quota-reached'?")]
    [TestCase("/__admin/scenarios/runlop/state", "{\"state\": \"enabled\"}", 404, "No vendor 'runlop' (vendors: depicta, opterius, runloop, ultravox).", "Did you mean 'runloop'?")]
    [TestCase("/__admin/vendors/runlop/tokens/t1/scenario", "{\"scenario\": \"enabled\"}", 404, "No vendor 'runlop'", "Did you mean 'runloop'?")]
    [TestCase("/__admin/vendors/runloop/tokens/t1/scenario", "{\"scenario\": \"trail\"}", 400, "'runloop' has no scenario 'trail'", "Did you mean 'trial'?")]
    [TestCase("/__admin/vendors/opterius/variant", "{\"variant\": \"v2.7\"}", 400, "'opterius' has no variant 'v2.7' (variants: documented, v2.7.0).", "Did you mean 'v2.7.0'?")]
    [TestCase("/__admin/vendors/depicta/variation", "{\"variation\": \"edge\"}", 400, "'edge' is not a variation (variations: realistic, edges).", "Did you mean 'edges'?")]
    public async Task A_misspelt_admin_name_is_answered_with_the_closest_one(string path, string body, int status, string names, string suggestion)
    {
        using var response = await Server.Client.PutAsync(path, Calls.Json(body));

        var detail = (await Calls.ProblemAsync(response, status))["detail"]!.GetValue<string>();

        detail.Should().StartWith(names).And.EndWith(suggestion);
    }

    [Test]
    public async Task A_name_like_none_gets_no_suggestion()
    {
        using var response = await Server.Client.PutAsync("/__admin/scenarios/runloop/state", Calls.Json("{\"state\": \"nope\"}"));

        (await Calls.ProblemAsync(response, 400))["detail"]!.GetValue<string>().Should().NotContain("Did you mean");
    }

    [TestCase("Prefer", "scenario=qouta-reached", "Unknown scenario", "'runloop' has no scenario 'qouta-reached' (scenarios: ", "Did you mean 'quota-reached'?")]
    [TestCase("X-Mock-Scenario", "rate-limted", "Unknown scenario", "'runloop' has no scenario 'rate-limted'", "Did you mean 'rate-limited'?")]
    [TestCase("Prefer", "scenaro=quota-reached", "Invalid scenario request", "Prefer: 'scenaro' is not an option here (options: ", "Did you mean 'scenario'?")]
    [TestCase("Prefer", "variation=edge", "Unknown variation", "'edge' is not a variation (variations: realistic, edges).", "Did you mean 'edges'?")]
    [TestCase("Prefer", "variant=documneted", "Unknown variant", "'runloop' has no variant 'documneted' (variants: documented).", "Did you mean 'documented'?")]
    public async Task A_misspelt_ask_in_a_request_is_answered_with_the_closest_name(string header, string value, string title, string names, string suggestion)
    {
        using var request = Calls.Account(Server, "runloop", Calls.NewToken("slip"));
        request.Headers.TryAddWithoutValidation(header, value);

        var problem = await Calls.ProblemAsync(await Server.Client.SendAsync(request), 400);

        problem["title"]!.GetValue<string>().Should().Be(title);
        problem["detail"]!.GetValue<string>().Should().StartWith(names).And.EndWith(suggestion);
    }
}
