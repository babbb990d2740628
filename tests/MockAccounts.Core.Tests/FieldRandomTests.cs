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
}
