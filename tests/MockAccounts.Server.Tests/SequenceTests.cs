using FluentAssertions;

namespace MockAccounts.Server.Tests;

[Parallelizable(ParallelScope.All)]
public sealed class SequenceTests
{
    [Test]
    public async Task Flaky_under_forty_concurrent_requests_fails_exactly_twice()
    {
        var server = SharedServer.Instance;
        var token = Calls.NewToken("flaky");
        await Calls.BindAsync(server, "runloop", token, "flaky");

        var statuses = await Task.WhenAll(Enumerable.Range(0, 40).Select(async _ =>
            (await Calls.SendAsync(server.Client, Calls.Account(server, "runloop", token))).Status));

        statuses.Count(s => s == 500).Should().Be(2);
        statuses.Count(s => s == 200).Should().Be(38);
    }

    [Test]
    public async Task Sequence_progress_belongs_to_each_token()
    {
        var server = SharedServer.Instance;
        var first = Calls.NewToken("seq-a");
        var second = Calls.NewToken("seq-b");
        await Calls.BindAsync(server, "ultravox", first, "rate-limited-once");
        await Calls.BindAsync(server, "ultravox", second, "rate-limited-once");

        var a1 = await Calls.SendAsync(server.Client, Calls.Account(server, "ultravox", first));
        var a2 = await Calls.SendAsync(server.Client, Calls.Account(server, "ultravox", first));
        var b1 = await Calls.SendAsync(server.Client, Calls.Account(server, "ultravox", second));

        (a1.Status, a2.Status, b1.Status).Should().Be((429, 200, 429));
        a1.Response.Headers.RetryAfter!.Delta.Should().Be(TimeSpan.FromSeconds(1));
    }

    [Test]
    public async Task Rebinding_a_token_restarts_its_sequence()
    {
        var server = SharedServer.Instance;
        var token = Calls.NewToken("rebind");
        await Calls.BindAsync(server, "runloop", token, "rate-limited-once");
        (await Calls.SendAsync(server.Client, Calls.Account(server, "runloop", token))).Status.Should().Be(429);
        (await Calls.SendAsync(server.Client, Calls.Account(server, "runloop", token))).Status.Should().Be(200);

        await Calls.BindAsync(server, "runloop", token, "rate-limited-once");

        (await Calls.SendAsync(server.Client, Calls.Account(server, "runloop", token))).Status.Should().Be(429);
    }
}
