using FluentAssertions;
using MockAccounts.Core.Http;
using MockAccounts.Core.Responses;
using MockAccounts.Core.Runtime;
using MockAccounts.Core.Scenarios;

namespace MockAccounts.Core.Tests;

/// <summary>The response cache keeps a response only once its key comes back, so one-off tokens never churn it.</summary>
public sealed class ResponseCacheTests
{
    private static ResponseCache.Entry Entry(string body) => new(new MockResponse(200, [], System.Text.Encoding.UTF8.GetBytes(body)), []);

    [Test]
    public void A_response_is_kept_only_when_its_key_is_missed_a_second_time()
    {
        var cache = new ResponseCache(100);
        var variant = Contracts.Engine.Variant("runloop");
        var step = variant.Catalogue.Default.Steps[0];

        var first = cache.Add(Contracts.Engine, variant.Account, step, "tok-again", null, Entry("first"));
        var keptAfterFirst = cache.TryGet(Contracts.Engine, variant.Account, step, "tok-again", null, out _);
        var second = cache.Add(Contracts.Engine, variant.Account, step, "tok-again", null, Entry("second"));

        first.Response.Body.Should().Equal(System.Text.Encoding.UTF8.GetBytes("first"));
        keptAfterFirst.Should().BeFalse("a key seen once is not kept");
        cache.TryGet(Contracts.Engine, variant.Account, step, "tok-again", null, out var kept).Should().BeTrue();
        kept.Should().BeSameAs(second);
    }

    [Test]
    public void A_flood_of_one_off_tokens_keeps_nothing()
    {
        var cache = new ResponseCache(100);
        var variant = Contracts.Engine.Variant("runloop");
        var step = variant.Catalogue.Default.Steps[0];

        for (var i = 0; i < 150; i++)
        {
            cache.Add(Contracts.Engine, variant.Account, step, $"one-off-{i}", null, Entry("x"));
        }

        Enumerable.Range(0, 150).Count(i => cache.TryGet(Contracts.Engine, variant.Account, step, $"one-off-{i}", null, out _))
            .Should().BeLessThan(3, "only a hash collision in the doorkeeper's bits could admit one");
    }

    [Test]
    public void Long_tokens_asked_twice_fill_it_only_up_to_its_byte_bound()
    {
        const long Bound = 1024 * 1024;
        var cache = new ResponseCache(20_000, Bound);
        var variant = Contracts.Engine.Variant("runloop");
        var step = variant.Catalogue.Default.Steps[0];

        for (var i = 0; i < 500; i++)
        {
            var token = i.ToString("D6", System.Globalization.CultureInfo.InvariantCulture) + new string('t', 4000);
            cache.Add(Contracts.Engine, variant.Account, step, token, null, Entry("x"));
            cache.Add(Contracts.Engine, variant.Account, step, token, null, Entry("x"));
        }

        cache.Bytes.Should().BeLessThanOrEqualTo(Bound);
        cache.Count.Should().BeInRange(1, 130, "each holds about 8 KB of token, so about 128 fit in 1 MiB");
    }
}
