using System.Text.Json.Nodes;
using FluentAssertions;
using MockAccounts.Core.Contracts;
using MockAccounts.Core.Generation;
using MockAccounts.Core.Runtime;

namespace MockAccounts.Core.Tests;

/// <summary>Per-token state is one entry per token, bounded in count and in estimated bytes; overlong credentials are never read.</summary>
public sealed class TokenStateTests
{
    [Test]
    public void A_token_with_every_kind_of_state_is_one_entry()
    {
        var state = new MockState();

        state.Bind("runloop", "tok", "quota-reached");
        state.NextIndex("runloop", "tok", "flaky");
        state.EditAccount("runloop", "tok", OverrideNode.At("/name", JsonValue.Create("Edited")));
        state.SetTokenVariation("runloop", "tok", Variation.Edges);
        state.SetTokenVariant("runloop", "tok", "documented");
        state.NextRequestNumber("runloop", "tok");

        state.TokenEntries.Should().Be(1);
        state.Binding("runloop", "tok").Should().Be("quota-reached");
        state.PeekIndex("runloop", "tok", "flaky").Should().Be(1);
        state.TokenVariation("runloop", "tok").Should().Be(Variation.Edges);
        state.TokenVariant("runloop", "tok").Should().Be("documented");
        state.PeekRequestNumber("runloop", "tok").Should().Be(1);
        state.Account("runloop", "tok").Should().NotBeNull();
    }

    [Test]
    public void MaxTokens_bounds_tokens_whatever_kinds_of_state_they_have()
    {
        var state = new MockState(tokenCapacity: 10);
        for (var i = 0; i < 20; i++)
        {
            state.Bind("runloop", $"tok-{i}", "trial");
            state.NextIndex("runloop", $"tok-{i}", "flaky");
            state.NextRequestNumber("runloop", $"tok-{i}");
        }

        state.TokenEntries.Should().BeLessThanOrEqualTo(10);
        state.Binding("runloop", "tok-19").Should().Be("trial", "the newest token is kept");
        state.PeekIndex("runloop", "tok-19", "flaky").Should().Be(1, "with all of its state");
    }

    [Test]
    public void Per_token_state_stays_within_its_byte_bound_dropping_the_least_recently_used()
    {
        const long Bound = 1024 * 1024;
        var state = new MockState(tokenCapacity: 100_000, tokenByteCapacity: Bound);
        for (var i = 0; i < 1_000; i++)
        {
            state.NextIndex("runloop", i.ToString("D6", System.Globalization.CultureInfo.InvariantCulture) + new string('t', 4000), "rate-limited-once");
        }

        state.TokenBytes.Should().BeLessThanOrEqualTo(Bound);
        state.TokenEntries.Should().BeLessThanOrEqualTo(130, "each holds about 8 KB, so about 128 fit in 1 MiB");
        state.EvictedTokenEntries.Should().Be(1_000 - state.TokenEntries);
        state.PeekIndex("runloop", "000999" + new string('t', 4000), "rate-limited-once").Should().Be(1, "the newest token is kept");
    }

    [Test]
    public void Account_edits_count_toward_the_byte_bound()
    {
        var state = new MockState(tokenCapacity: 1000, tokenByteCapacity: 1024 * 1024);
        state.Bind("runloop", "old", "trial");
        var before = state.TokenBytes;

        state.EditAccount("runloop", "big", OverrideNode.At("/name", JsonValue.Create(new string('n', 100_000))));

        state.TokenBytes.Should().BeGreaterThan(before + 200_000, "100,000 characters are 200 KB as UTF-16");
        state.ClearAccount("runloop", "big").Should().BeTrue();
        state.TokenBytes.Should().BeLessThan(before + 1_000);
    }

    [Test]
    public void A_credential_longer_than_the_bound_is_malformed_and_one_at_the_bound_is_read()
    {
        var account = Contracts.Engine.Variant("runloop").Account;
        var atBound = new string('a', CredentialChecker.MaxLength);
        var over = atBound + "a";

        CredentialChecker.Check(account, _ => "Bearer " + atBound).Token.Should().Be(atBound);
        var refused = CredentialChecker.Check(account, _ => "Bearer " + over, checkFormat: false);
        refused.IsValid.Should().BeFalse();
        refused.Malformed.Should().BeTrue();
        refused.Problem.Should().Contain("longer than 4096 characters");
        CredentialChecker.Check(Contracts.Engine.Variant("ultravox").Account, name => name == "X-API-Key" ? over : null, checkFormat: false).IsValid.Should().BeFalse();
    }
}
