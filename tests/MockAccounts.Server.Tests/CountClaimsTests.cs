using FluentAssertions;
using MockAccounts.Core.Runtime;
using MockAccounts.Redis;
using NUnit.Framework;

namespace MockAccounts.Server.Tests;

public sealed class CountClaimsTests
{
    private static readonly SharedCounter Once = new(SharedCounterKind.Sequence, "runloop", "token-a", "rate-limited-once", 3);

    /// <summary>A store whose round trips answer when the test says: it records each claim's size and counts as Redis would.</summary>
    private sealed class HeldStore
    {
        private readonly List<(SharedCounter Counter, int Size, TaskCompletionSource Release)> _sent = [];
        private readonly Dictionary<SharedCounter, long> _counts = [];

        public IReadOnlyList<int> Sizes => [.. _sent.Select(s => s.Size)];

        public int Sent => _sent.Count;

        public bool Claims { get; set; } = true;

        public Exception? Failure { get; set; }

        public async Task<(long First, bool Claimed)> ClaimAsync(SharedCounter counter, int size)
        {
            var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            lock (_sent)
            {
                _sent.Add((counter, size, release));
            }

            await release.Task;
            if (Failure is { } failure)
            {
                throw failure;
            }

            lock (_counts)
            {
                var first = _counts.GetValueOrDefault(counter);
                if (Claims)
                {
                    _counts[counter] = first + size;
                }

                return (first, Claims);
            }
        }

        public void Release(int round)
        {
            lock (_sent)
            {
                _sent[round].Release.SetResult();
            }
        }
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        // Claims arrive on other threads; no real time passes for anything but their scheduling.
        while (!condition())
        {
            await Task.Yield();
        }
    }

    [Test]
    public async Task Claims_arriving_while_a_round_trip_is_out_go_together_in_the_next_and_take_each_position_once_in_arrival_order()
    {
        var store = new HeldStore();
        var claims = new CountClaims(store.ClaimAsync);

        var first = claims.NextAsync(Once).AsTask();
        await WaitUntil(() => store.Sent == 1);
        var waiting = Enumerable.Range(0, 5).Select(_ => claims.NextAsync(Once).AsTask()).ToArray();
        store.Sent.Should().Be(1, "the later claims wait for the round trip that is out");

        store.Release(0);
        (await first).Should().Be(0);
        await WaitUntil(() => store.Sent == 2);
        store.Release(1);

        (await Task.WhenAll(waiting)).Should().Equal(1, 2, 3, 4, 5);
        store.Sizes.Should().Equal(1, 5);
        claims.InFlight.Should().Be(0);
    }

    [Test]
    public async Task A_lone_claim_is_one_round_trip_of_one_position()
    {
        var store = new HeldStore();
        var claims = new CountClaims(store.ClaimAsync);

        for (var i = 0; i < 3; i++)
        {
            var next = claims.NextAsync(Once).AsTask();
            await WaitUntil(() => store.Sent == i + 1);
            store.Release(i);
            (await next).Should().Be(i);
        }

        store.Sizes.Should().Equal(1, 1, 1);
    }

    [Test]
    public async Task Claims_on_different_counters_do_not_wait_for_each_other()
    {
        var store = new HeldStore();
        var claims = new CountClaims(store.ClaimAsync);
        var other = Once with { Token = "token-b" };
        var newerEpoch = Once with { Epoch = 4 };

        var all = new[] { claims.NextAsync(Once).AsTask(), claims.NextAsync(other).AsTask(), claims.NextAsync(newerEpoch).AsTask() };

        await WaitUntil(() => store.Sent == 3);
        for (var i = 0; i < 3; i++)
        {
            store.Release(i);
        }

        (await Task.WhenAll(all)).Should().Equal(0, 0, 0);
    }

    [Test]
    public async Task Claims_the_store_does_not_take_an_older_epoch_all_read_the_same_position()
    {
        var store = new HeldStore { Claims = false };
        var claims = new CountClaims(store.ClaimAsync);

        var first = claims.NextAsync(Once).AsTask();
        await WaitUntil(() => store.Sent == 1);
        var waiting = Enumerable.Range(0, 3).Select(_ => claims.NextAsync(Once).AsTask()).ToArray();
        store.Release(0);
        await first;
        await WaitUntil(() => store.Sent == 2);
        store.Release(1);

        (await Task.WhenAll(waiting)).Should().Equal(0, 0, 0);
    }

    [Test]
    public async Task A_failed_round_trip_fails_its_claims_and_the_next_claim_sends_afresh()
    {
        var store = new HeldStore { Failure = new InvalidOperationException("Redis went away") };
        var claims = new CountClaims(store.ClaimAsync);

        var failed = claims.NextAsync(Once).AsTask();
        await WaitUntil(() => store.Sent == 1);
        store.Release(0);
        await failed.Invoking(t => t).Should().ThrowAsync<InvalidOperationException>().WithMessage("Redis went away");

        store.Failure = null;
        var next = claims.NextAsync(Once).AsTask();
        await WaitUntil(() => store.Sent == 2);
        store.Release(1);
        (await next).Should().Be(0);
        claims.InFlight.Should().Be(0);
    }
}
