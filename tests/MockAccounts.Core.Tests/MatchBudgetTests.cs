using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using FluentAssertions;
using Microsoft.Extensions.Time.Testing;
using MockAccounts.Core.Http;
using MockAccounts.Core.Mappings;
using MockAccounts.Core.Runtime;
using MockAccounts.Core.Schemas;
using MockAccounts.Core.Validation;

namespace MockAccounts.Core.Tests;

/// <summary>Matching runs within one budget: linear where the pattern allows, timed out where not, stopped when the client leaves.</summary>
public sealed class MatchBudgetTests
{
    private static MatchBudget Budget(TimeSpan? allowance = null, TimeProvider? time = null, CancellationToken cancellation = default) =>
        new(allowance ?? TimeSpan.FromSeconds(10), "test:Budget", time, cancellation);

    [Test]
    public void A_pattern_that_backtracks_too_long_once_moves_to_the_linear_engine_and_answers()
    {
        var problems = new List<string>();
        var nested = TimedRegex.Compile("((.|/)*)*Q", "p", problems)!;
        var plain = TimedRegex.Compile("/v1/.*/me", "p", problems)!;

        var first = nested.IsMatch("/v1/accounts/me?filter=" + new string('a', 5000), Budget());

        problems.Should().BeEmpty();
        first.Should().BeFalse("the attack run's pattern has an answer within the budget");
        nested.IsLinear.Should().BeTrue();
        nested.IsMatch("/v1/Q", Budget()).Should().BeTrue();
        plain.IsMatch("/v1/accounts/me", Budget()).Should().BeTrue();
        plain.IsLinear.Should().BeFalse("a pattern that never backtracked long stays on the cheap engine");
    }

    [Test]
    public void A_pattern_only_the_backtracking_engine_takes_runs_with_the_budget_left_as_its_timeout()
    {
        var backreference = TimedRegex.Compile("(a+)\\1", "p", [])!;

        backreference.IsMatch(new string('a', 10), Budget()).Should().BeTrue();
        backreference.IsLinear.Should().BeFalse();
    }

    [Test]
    public void A_slow_pattern_stops_within_the_budget_left_with_no_answer()
    {
        var regex = TimedRegex.Compile("(a+)+\\1b", "p", [])!;

        var run = () => regex.IsMatch(new string('a', 40), Budget(TimeSpan.FromMilliseconds(20)));

        run.Should().Throw<MatchBudgetSpentException>().Which.Message.Should().Contain("test:Budget");
    }

    [Test]
    public void A_spent_budget_stops_every_mapping_and_a_doesNotMatch_never_counts_as_a_match()
    {
        var clock = new FakeTimeProvider();
        var budget = Budget(TimeSpan.FromMilliseconds(100), clock);
        var pattern = ValuePattern.Parse(JsonNode.Parse("""{"doesNotMatch": "x+"}"""), "p", [])!;
        pattern.Matches("yyy", budget).Should().BeTrue();

        clock.Advance(TimeSpan.FromMilliseconds(101));

        var again = () => pattern.Matches("yyy", budget);
        again.Should().Throw<MatchBudgetSpentException>();
    }

    [Test]
    public void A_client_that_leaves_stops_matching()
    {
        using var left = new CancellationTokenSource();
        left.Cancel();
        var store = new StubMappingStore(() => [Mapping("""{"request": {"urlPattern": "/a.*"}, "response": {}}""")]);
        var request = new RequestView(new MockRequest("GET", "/abc", _ => null, ReadOnlyMemory<byte>.Empty));

        var match = () => store.Match(request, Budget(cancellation: left.Token));

        match.Should().Throw<OperationCanceledException>();
    }

    [Test]
    public void A_JSONPath_filter_regex_gets_the_budget_as_its_timeout()
    {
        var pattern = ValuePattern.Parse(JsonNode.Parse("""{"matchesJsonPath": "$[?(@.a =~ /(a+)+\\1b/)]"}"""), "p", [])!;
        var body = """[{"a": "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"}]""";

        var run = () => pattern.Matches(body, Budget(TimeSpan.FromMilliseconds(20)));

        run.Should().Throw<MatchBudgetSpentException>();
    }

    [Test]
    public void A_schema_pattern_runs_with_a_timeout()
    {
        var check = BodyCheck.Compile(JsonNode.Parse("""{"type": "string", "pattern": "^(a+)+\\1b$"}""")!, _ => null)!;

        var run = () => check.Accepts("\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\""u8);

        run.Should().Throw<RegexMatchTimeoutException>();
    }

    private static StubMapping Mapping(string json)
    {
        var problems = new List<string>();
        var mapping = StubMappingParser.Parse(JsonNode.Parse(json), _ => null, problems);
        problems.Should().BeEmpty();
        return mapping!;
    }
}
