using FluentAssertions;
using MockAccounts.Core.Runtime;

namespace MockAccounts.Core.Tests;

public sealed class BoundedMapTests
{
    [Test]
    public void It_never_exceeds_its_capacity_and_drops_the_least_recently_used()
    {
        var map = new BoundedMap<int, string>(100);
        for (var i = 0; i < 1000; i++)
        {
            map.GetOrAdd(i, $"v{i}");
            map.TryGetValue(0, out _).Should().BeTrue("key 0 is read after every insert, so it stays among the most recently used");
        }

        map.Count.Should().BeLessThanOrEqualTo(100);
        map.Evicted.Should().Be(1000 - map.Count);
        map.GetValueOrDefault(999).Should().Be("v999");
        map.GetValueOrDefault(1).Should().BeNull();
    }

    [Test]
    public void Adding_a_key_that_is_there_keeps_the_value_held()
    {
        var map = new BoundedMap<string, object>(10);
        var first = new object();

        map.GetOrAdd("k", first).Should().BeSameAs(first);
        map.GetOrAdd("k", new object()).Should().BeSameAs(first);
        map.GetOrAdd("k", _ => new object()).Should().BeSameAs(first);
        map.TryRemove("k").Should().BeTrue();
        map.TryRemove("k").Should().BeFalse();
    }

    [Test]
    public void Concurrent_writers_keep_it_bounded()
    {
        var map = new BoundedMap<int, int>(1000);

        Parallel.For(0, 200_000, i => map.GetOrAdd(i, i));

        map.Count.Should().BeLessThanOrEqualTo(1000);
        (map.Count + map.Evicted).Should().Be(200_000);
    }

    [Test]
    public void With_a_weigher_it_never_exceeds_its_weight_and_reweighs_values_changed_in_place()
    {
        var map = new BoundedMap<int, int[]>(1000, maxWeight: 10_000, weigh: (_, v) => v[0]);
        for (var i = 0; i < 100; i++)
        {
            map.GetOrAdd(i, [500]);
        }

        map.Weight.Should().BeLessThanOrEqualTo(10_000);
        map.Count.Should().BeLessThanOrEqualTo(20);
        map.Weight.Should().Be(map.Count * 500L, "the weight is the sum of the entries held");
        map.GetValueOrDefault(99).Should().NotBeNull("the newest is kept");

        var grown = map.GetValueOrDefault(99)!;
        grown[0] = 9_000;
        map.Reweigh(99).Should().BeTrue();
        map.Weight.Should().BeLessThanOrEqualTo(10_000);
        map.GetValueOrDefault(99).Should().BeSameAs(grown, "the entry that grew is the most recently used");
    }

    [Test]
    public void Removing_and_clearing_give_back_their_weight()
    {
        var map = new BoundedMap<int, int[]>(1000, maxWeight: 1_000_000, weigh: (_, v) => v[0]);
        for (var i = 0; i < 10; i++)
        {
            map.GetOrAdd(i, [100]);
        }

        map.TryRemove(3);
        map.Weight.Should().Be(900);
        map.Clear();
        map.Weight.Should().Be(0);
        map.Count.Should().Be(0);
        map.Evicted.Should().Be(0, "nothing was dropped to stay within bounds");
    }
}
