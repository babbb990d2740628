using FluentAssertions;
using MockAccounts.Core.Generation;
using NUnit.Framework;

namespace MockAccounts.Core.Tests;

/// <summary>The per-field generator behind every fake value: bounds, coverage and repeatability.</summary>
public sealed class FieldRandomTests
{
    [TestCase(0, 1)]
    [TestCase(-5, 5)]
    [TestCase(10, 17)]
    public void Next_stays_in_its_half_open_range_and_reaches_every_value(int min, int max)
    {
        var random = new FieldRandom(12345);

        var drawn = Enumerable.Range(0, 2000).Select(_ => random.Next(min, max)).ToHashSet();

        drawn.Should().BeEquivalentTo(Enumerable.Range(min, max - min));
    }

    [Test]
    public void Long_ranges_and_doubles_stay_in_bounds()
    {
        var random = new FieldRandom(7);

        for (var i = 0; i < 10_000; i++)
        {
            random.NextInt64(long.MinValue / 2, long.MaxValue / 2).Should().BeInRange(long.MinValue / 2, long.MaxValue / 2 - 1);
            random.NextDouble().Should().BeInRange(0, 0.9999999999999999);
        }

        random.Next(3, 3).Should().Be(3);
    }

    [Test]
    public void The_same_seed_gives_the_same_values_through_bogus_and_another_seed_does_not()
    {
        static string Draw(ulong seed)
        {
            var randomizer = new FieldRandomizer(seed);
            return $"{randomizer.Number(1_000_000)} {randomizer.Long(0, long.MaxValue)} {randomizer.Hash()} {randomizer.Bool()}";
        }

        Draw(42).Should().Be(Draw(42));
        Draw(42).Should().NotBe(Draw(43));
    }

    [Test]
    public void Our_hints_draws_are_bogus_draws_from_the_same_seed()
    {
        for (ulong seed = 0; seed < 5_000; seed++)
        {
            var ours = new FieldRandomizer(seed);
            var bogus = new BogusOverFieldRandom(seed);

            ours.Number(0, 61).Should().Be(bogus.Number(0, 61), $"seed {seed}");
            ours.Number(-3, 3).Should().Be(bogus.Number(-3, 3));
            ours.Number(5, int.MaxValue).Should().Be(bogus.Number(5, int.MaxValue));
            ours.Number().Should().Be(bogus.Number());
            ours.Number(7).Should().Be(bogus.Number(7));
            ours.Bool().Should().Be(bogus.Bool());
            ours.Long(0, 63_072_000).Should().Be(bogus.Long(0, 63_072_000));
            ours.Long(-1_000_000_000_000, 1_000_000_000_000).Should().Be(bogus.Long(-1_000_000_000_000, 1_000_000_000_000));
            ours.Bytes(16).Should().Equal(bogus.Bytes(16));
        }
    }

    [Test]
    public void A_template_is_the_text_bogus_draws_from_the_same_seed()
    {
        var template = TemplateText.Parse("arn:{digits:12}:l-{hex:32}/{alnum:24}{upper:3}");
        for (ulong seed = 0; seed < 2_000; seed++)
        {
            template.Render(new FieldRandomizer(seed)).Should().Be(template.Render(new BogusOverFieldRandom(seed)), $"seed {seed}");
        }
    }

    /// <summary>Bogus' own randomizer, locked draws and all, over the same generator as <see cref="FieldRandomizer"/>.</summary>
    private sealed class BogusOverFieldRandom : Bogus.Randomizer
    {
        public BogusOverFieldRandom(ulong seed) => localSeed = new FieldRandom(seed);
    }
}
