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
            map.Set(i, $"v{i}");
            map.TryGetValue(0, out _).Should().BeTrue("key 0 is read after every insert, so it stays the most recently used");
        }

        map.Count.Should().BeLessThanOrEqualTo(100);
        map.Evicted.Should().Be(1000 - map.Count);
        map.GetValueOrDefault(999).Should().Be("v999");
        map.GetValueOrDefault(1).Should().BeNull();
    }

    [Test]
    public void Replace_only_succeeds_against_the_value_it_expects()
    {
        var map = new BoundedMap<string, object>(10);
        var first = new object();
        var second = new object();
        map.Set("k", first);

        map.TryReplace("k", second, new object()).Should().BeFalse();
        map.TryReplace("k", first, second).Should().BeTrue();
        map.GetValueOrDefault("k").Should().BeSameAs(second);
    }

    [Test]
    public void Concurrent_writers_keep_it_bounded()
    {
        var map = new BoundedMap<int, int>(1000);

        Parallel.For(0, 200_000, i => map.AddOrUpdate(i, i, v => v + 1));

        map.Count.Should().BeLessThanOrEqualTo(1000);
        (map.Count + map.Evicted).Should().Be(200_000);
    }
}
