using System.Globalization;
using System.Text.Json.Nodes;
using FluentAssertions;

namespace MockAccounts.Core.Tests;

/// <summary>Values look real and correlated fields agree, whatever the token.</summary>
public sealed class CorrelationTests
{
    private static readonly DateTimeOffset Now = Contracts.Options.ReferenceTime;

    private static IEnumerable<JsonNode> Bodies(string vendor, string scenario, string variant = "documented") =>
        Enumerable.Range(0, 50).Select(i => JsonNode.Parse(Contracts.Engine.Respond(vendor, variant, $"corr-{i}", scenario).Body)!);

    private static DateTimeOffset Time(JsonNode? node)
    {
        var text = node!.GetValue<string>();
        text.Should().MatchRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$", "times are UTC ISO 8601");
        return DateTimeOffset.Parse(text, CultureInfo.InvariantCulture);
    }

    [TestCase("enabled")]
    [TestCase("aws-marketplace")]
    [TestCase("stripe-projects")]
    [TestCase("trial")]
    [TestCase("unrecognized")]
    public void Runloop_deprecated_mirrors_equal_their_billing_values(string scenario)
    {
        foreach (var body in Bodies("runloop", scenario))
        {
            var billing = body["billing"]!;
            JsonNode.DeepEquals(body["stripe_customer_id"], billing["stripe"]?["customer_id"]).Should().BeTrue();
            JsonNode.DeepEquals(billing["stripe_customer_id"], billing["stripe"]?["customer_id"]).Should().BeTrue();
            JsonNode.DeepEquals(body["active_subscription"], billing["stripe"]?["active_subscription"]).Should().BeTrue();
            JsonNode.DeepEquals(body["account_billing_type"], billing["account_billing_type"]).Should().BeTrue();
            JsonNode.DeepEquals(body["external_billing_account_id"], billing["aws"]?["customer_identifier"]).Should().BeTrue();
            Time(body["created_at"]).Should().BeBefore(Now);
        }
    }

    [Test]
    public void Runloop_billing_blocks_follow_the_billing_type()
    {
        foreach (var body in Bodies("runloop", "aws-marketplace"))
        {
            body["billing"]!["stripe"].Should().BeNull();
            body["billing"]!["aws"]!["customer_identifier"]!.GetValue<string>().Should().MatchRegex("^[0-9]{12}$");
            body["billing"]!["aws"]!["license_arn"]!.GetValue<string>().Should().StartWith("arn:aws:");
        }

        foreach (var body in Bodies("runloop", "enabled"))
        {
            body["billing"]!["aws"].Should().BeNull();
            body["billing"]!["stripe"]!["customer_id"]!.GetValue<string>().Should().StartWith("cus_");
            body["billing"]!["stripe"]!["active_subscription"]!.GetValue<string>().Should().StartWith("sub_");
        }
    }

    [TestCase("funded", true)]
    [TestCase("unverified-email", false)]
    [TestCase("generation-in-flight", true)]
    public void Depicta_free_trial_credit_is_pending_only_while_the_email_is_unverified(string scenario, bool verified)
    {
        foreach (var user in Bodies("depicta", scenario).Select(b => b["user"]!))
        {
            user["email_verified"]!.GetValue<bool>().Should().Be(verified);
            if (verified)
            {
                user["free_trial_pending_eur"].Should().BeNull();
            }
            else
            {
                user["free_trial_pending_eur"]!.GetValue<string>().Should().MatchRegex(@"^\d+\.\d{6}$");
            }

            user["balance_eur"]!.GetValue<string>().Should().MatchRegex(@"^\d+\.\d{6}$");
            user["held_eur"]!.GetValue<string>().Should().MatchRegex(@"^\d+\.\d{6}$");
            Time(user["created_at"]).Should().BeBefore(Now);
        }
    }

    [Test]
    public void Depicta_scenarios_say_what_their_names_promise()
    {
        Bodies("depicta", "funded").Should().OnlyContain(b => b["user"]!["held_eur"]!.GetValue<string>() == "0.000000");
        Bodies("depicta", "generation-in-flight").Should().OnlyContain(b => decimal.Parse(b["user"]!["held_eur"]!.GetValue<string>(), CultureInfo.InvariantCulture) > 0);
        Bodies("depicta", "zero-balance").Should().OnlyContain(b => b["user"]!["balance_eur"]!.GetValue<string>() == "0.000000");
        foreach (var body in Bodies("depicta", "credits-expiring"))
        {
            Time(body["user"]!["credits_expire_at"]).Should().BeAfter(Now).And.BeBefore(Now.AddDays(7));
        }
    }

    [Test]
    public void Ultravox_durations_have_fractional_seconds_and_renewals_lie_ahead()
    {
        foreach (var body in Bodies("ultravox", "pro-monthly"))
        {
            body["freeTimeUsed"]!.GetValue<string>().Should().MatchRegex(@"^(0|[1-9]\d{0,11})\.\d{3}s$", "Ultravox durations carry fractional seconds");
            body["hasActiveSubscription"]!.GetValue<bool>().Should().BeTrue();
            Time(body["subscriptionRenewal"]).Should().BeAfter(Now);
        }

        Bodies("ultravox", "free-time-exhausted").Should().OnlyContain(b => b["freeTimeRemaining"]!.GetValue<string>() == "0s");
        Bodies("ultravox", "at-concurrency-limit").Should().OnlyContain(b =>
            JsonNode.DeepEquals(b["activeCalls"], b["allowedConcurrentCalls"]));
        Bodies("ultravox", "unlimited").Should().OnlyContain(b =>
            b["allowedConcurrentCalls"] == null && b["allowedVoices"] == null && b["allowedCorpora"] == null);
    }

    [Test]
    public void Opterius_documented_and_observed_variants_disagree_as_the_facts_say()
    {
        var documented = Bodies("opterius", "active").First();
        var observed = Bodies("opterius", "active", "v2.7.0").First();

        documented["data"]!["country"]!.GetValue<string>().Should().MatchRegex("^[A-Z]{2}$");
        documented["data"]!["created_at"].Should().NotBeNull();
        observed["data"].Should().BeNull("v2.7.0 answers a flat object");
        observed.AsObject().Should().ContainKeys("address", "country_code", "currency").And.NotContainKey("created_at");
    }
}
