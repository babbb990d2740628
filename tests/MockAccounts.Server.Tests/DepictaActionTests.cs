using FluentAssertions;

namespace MockAccounts.Server.Tests;

/// <summary>Depicta's stateful follow-ups change only the calling token's account.</summary>
[Parallelizable(ParallelScope.All)]
public sealed class DepictaActionTests
{
    private static RunningServer Server => SharedServer.Instance;

    private static HttpRequestMessage Call(HttpMethod method, string path, string token, string? json = null)
    {
        var request = new HttpRequestMessage(method, path) { Content = json is null ? null : Calls.Json(json) };
        request.Headers.TryAddWithoutValidation("Authorization", $"Bearer {token}");
        return request;
    }

    [Test]
    public async Task Dismissing_the_notice_clears_it_for_that_token_only()
    {
        var mine = Calls.NewToken("dpct_notice");
        var theirs = Calls.NewToken("dpct_other");
        await Calls.BindAsync(Server, "depicta", mine, "pending-credit-notice");
        await Calls.BindAsync(Server, "depicta", theirs, "pending-credit-notice");

        var dismissed = await Calls.SendAsync(Server.Client, Call(HttpMethod.Post, "/v1/account/notifications/dismiss", mine));

        dismissed.Status.Should().Be(204);
        (await Calls.SendAsync(Server.Client, Calls.Account(Server, "depicta", mine))).Body!["user"]!["pending_credit_notice"]!.GetValue<bool>().Should().BeFalse();
        (await Calls.SendAsync(Server.Client, Calls.Account(Server, "depicta", theirs))).Body!["user"]!["pending_credit_notice"]!.GetValue<bool>().Should().BeTrue();
    }

    [Test]
    public async Task Patching_the_profile_sets_the_name_and_answers_the_updated_profile()
    {
        var token = Calls.NewToken("dpct_name");

        var patched = await Calls.SendAsync(Server.Client, Call(HttpMethod.Patch, "/v1/account/profile", token, """{"name": "Grace Hopper"}"""));
        var cleared = await Calls.SendAsync(Server.Client, Call(HttpMethod.Patch, "/depicta/v1/account/profile", Calls.NewToken("dpct_null"), """{"name": null}"""));

        patched.Status.Should().Be(200);
        patched.Body!["user"]!["name"]!.GetValue<string>().Should().Be("Grace Hopper");
        (await Calls.SendAsync(Server.Client, Calls.Account(Server, "depicta", token))).Body!["user"]!["name"]!.GetValue<string>().Should().Be("Grace Hopper");
        cleared.Body!["user"]!["name"].Should().BeNull();
    }

    [TestCase("""{"name": 42}""", "name", "must be of type null or string")]
    [TestCase("""{"name": "x", "email": "y@z.example"}""", "email", "is not allowed")]
    [TestCase("""{"nmae": "x"}""", "nmae", "is not allowed")]
    [TestCase("""{"nmae": "x"}""", "name", "is required")]
    [TestCase("""{}""", "name", "is required")]
    [TestCase("""[]""", "body", "must be of type object")]
    [TestCase("""{"name": "012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789012345678901"}""", "name", "must be at most 100 characters")]
    public async Task An_invalid_profile_patch_gets_a_422_naming_each_violation_by_field_and_changes_nothing(string json, string field, string message)
    {
        var token = Calls.NewToken("dpct_bad");
        var before = (await Calls.SendAsync(Server.Client, Calls.Account(Server, "depicta", token))).Body!["user"]!["name"]!.ToJsonString();

        var refused = await Calls.SendAsync(Server.Client, Call(HttpMethod.Patch, "/v1/account/profile", token, json));

        refused.Status.Should().Be(422);
        refused.Body!["error"]!.GetValue<string>().Should().Be("validation_failed");
        var details = refused.Body["details"]!.AsObject();
        details[field]!.AsArray().Select(m => m!.GetValue<string>()).Should().Contain(message);
        if (!json.Contains("0123456789", StringComparison.Ordinal))
        {
            details.ToJsonString().Should().NotContain("at most 100", "only the body's own violations are named");
        }

        (await Calls.SendAsync(Server.Client, Calls.Account(Server, "depicta", token))).Body!["user"]!["name"]!.ToJsonString().Should().Be(before);
    }

    [TestCase("garbage")]
    [TestCase("""{"name": """)]
    [TestCase("")]
    public async Task A_profile_patch_that_is_not_json_gets_depictas_documented_400_and_changes_nothing(string text)
    {
        var token = Calls.NewToken("dpct_junk");
        var before = (await Calls.SendAsync(Server.Client, Calls.Account(Server, "depicta", token))).Body!["user"]!["name"]!.ToJsonString();

        var refused = await Calls.SendAsync(Server.Client, Call(HttpMethod.Patch, "/v1/account/profile", token, text));

        refused.Status.Should().Be(400);
        refused.Body!["error"]!.GetValue<string>().Should().Be("bad_request");
        refused.Body["details"]!["body"]![0]!.GetValue<string>().Should().Contain("JSON");
        (await Calls.SendAsync(Server.Client, Calls.Account(Server, "depicta", token))).Body!["user"]!["name"]!.ToJsonString().Should().Be(before);
    }

    [Test]
    public async Task Follow_ups_answer_the_tokens_error_scenario_when_it_documents_that_status()
    {
        var token = Calls.NewToken("dpct_limited");
        await Calls.BindAsync(Server, "depicta", token, "rate-limited");

        var refused = await Calls.SendAsync(Server.Client, Call(HttpMethod.Post, "/v1/account/notifications/dismiss", token));

        refused.Status.Should().Be(429);
        refused.Response.Headers.RetryAfter.Should().NotBeNull();
    }

    [Test]
    public async Task Follow_ups_without_credentials_get_401()
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/v1/account/notifications/dismiss");

        (await Calls.SendAsync(Server.Client, request)).Status.Should().Be(401);
    }
}
