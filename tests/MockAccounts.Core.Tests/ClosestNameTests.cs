using FluentAssertions;

namespace MockAccounts.Core.Tests;

public sealed class ClosestNameTests
{
    private static readonly string[] Scenarios = ["enabled", "trial", "quota-reached", "rate-limited", "rate-limited-once", "connection-reset", "empty-response"];
    private static readonly string[] Settings = ["Contracts", "ExtraContracts", "Seed", "ReferenceTime", "Variation", "Validation", "Journal", "Capacity", "HotReload"];

    [TestCase("qouta-reached", "quota-reached", TestName = "Two neighbours swapped")]
    [TestCase("quota-reachd", "quota-reached", TestName = "A letter missing")]
    [TestCase("enabledd", "enabled", TestName = "A letter too many")]
    [TestCase("trail", "trial", TestName = "A short name with two neighbours swapped")]
    [TestCase("rate-limted-once", "rate-limited-once", TestName = "The nearer of two similar names")]
    [TestCase("Connection-Reset", "connection-reset", TestName = "Another case")]
    public void A_slip_of_a_known_scenario_finds_it(string typed, string expected) =>
        ClosestName.Find(typed, Scenarios).Should().Be(expected);

    [TestCase("Valdation", "Validation")]
    [TestCase("Capacty", "Capacity")]
    [TestCase("hotreload", "HotReload")]
    public void A_slip_of_a_setting_finds_it(string typed, string expected) =>
        ClosestName.Find(typed, Settings).Should().Be(expected);

    [TestCase("Port")]
    [TestCase("nope")]
    [TestCase("quota")]
    [TestCase("")]
    public void A_name_unlike_every_known_one_finds_none(string typed) =>
        ClosestName.Find(typed, Settings.Concat(Scenarios)).Should().BeNull();

    [Test]
    public void A_known_name_is_not_suggested_for_itself() =>
        ClosestName.Find("trial", ["trial"]).Should().BeNull();

    [Test]
    public void On_a_tie_the_first_known_name_wins()
    {
        ClosestName.Find("v2", ["v1", "v3"]).Should().Be("v1");
        ClosestName.Find("v2", ["v3", "v1"]).Should().Be("v3");
    }

    [Test]
    public void A_huge_input_finds_none()
    {
        ClosestName.Find(new string('x', 1_000_000), Scenarios).Should().BeNull();
    }

    [Test]
    public void Did_you_mean_is_a_sentence_to_append_or_nothing()
    {
        ClosestName.DidYouMean("runlop", ["depicta", "opterius", "runloop", "ultravox"]).Should().Be(" Did you mean 'runloop'?");
        ClosestName.DidYouMean("nobody", ["depicta", "opterius", "runloop", "ultravox"]).Should().BeEmpty();
    }

    [TestCase("ab", "ba", 1)]
    [TestCase("abc", "abc", 0)]
    [TestCase("kitten", "sitting", 3)]
    [TestCase("", "abc", 3)]
    [TestCase("ABC", "abc", 0)]
    [TestCase("ca", "abc", 3)]
    public void Distance_counts_inserts_deletes_replacements_and_swaps(string a, string b, int expected)
    {
        ClosestName.Distance(a, b).Should().Be(expected);
        ClosestName.Distance(b, a).Should().Be(expected);
    }
}
