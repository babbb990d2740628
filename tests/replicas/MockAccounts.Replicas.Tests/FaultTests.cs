using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using FluentAssertions;

namespace MockAccounts.Replicas.Tests;

/// <summary>
/// Three server processes on one Redis under load while Redis stops and comes back, and while a replica is killed:
/// vendors keep being answered, admin writes are refused plainly, and nothing acknowledged is lost.
/// </summary>
[NonParallelizable]
public sealed class FaultTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    [Test]
    public async Task Redis_stopped_under_load_keeps_vendors_answered_refuses_admin_writes_says_degraded_and_the_replicas_converge_when_it_is_back()
    {
        var folder = Directory.CreateTempSubdirectory("mockaccounts-replicas-").FullName;
        string[] persistent = ["--appendonly", "yes", "--appendfsync", "always", "--dir", folder];
        await using var set = await ReplicaSet.StartAsync(persistent);
        var replicas = set.Replicas;
        var bound = Replica.NewToken("bound");
        (await replicas[0].BindAsync("ultravox", bound, "rate-limited")).EnsureSuccessStatusCode();
        (await replicas[1].SwitchAsync("runloop", "quota-reached")).EnsureSuccessStatusCode();

        using var load = new Load(replicas);
        await load.UntilAsync(300);
        set.StopRedis();
        await UntilAsync(async () => (await Task.WhenAll(replicas.Select(HealthAsync))).All(h => h["status"]!.GetValue<string>() == "degraded"),
            "every replica to say degraded");
        var health = await HealthAsync(replicas[2]);
        using var refused = await replicas[1].SwitchAsync("runloop", "enabled");
        var problem = JsonNode.Parse(await refused.Content.ReadAsStringAsync())!;
        await load.UntilAsync(load.Answered + 300);

        health["message"]!.GetValue<string>().Should().Contain("Redis (MockAccounts:State:Redis");
        ((int)refused.StatusCode).Should().Be(503);
        refused.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        problem["setting"]!.GetValue<string>().Should().Be("MockAccounts:State:Redis");
        foreach (var replica in replicas)
        {
            (await replica.AccountAsync("runloop", Replica.NewToken("during"))).Body!["account_status"]!.GetValue<string>()
                .Should().Be("ACCOUNT_STATUS_DISABLED_QUOTA_REACHED", $"{replica.Name} serves the last known state");
        }

        set.RestartRedis(persistent);
        var back = Stopwatch.StartNew();
        await UntilAsync(async () => (await Task.WhenAll(replicas.Select(HealthAsync))).All(h => h["state"]!["connected"]!.GetValue<bool>()),
            "every replica to reconnect");
        TestContext.Out.WriteLine($"Redis back: every replica connected after {back.ElapsedMilliseconds} ms");
        (await replicas[2].SwitchAsync("runloop", "enabled")).EnsureSuccessStatusCode();
        await load.StopAsync();

        load.Failures.Should().BeEmpty("no vendor request fails, before, during or after the outage");
        load.Answered.Should().BeGreaterThan(600);
        foreach (var replica in replicas)
        {
            (await replica.AccountAsync("runloop", Replica.NewToken("after"))).Body!["account_status"]!.GetValue<string>()
                .Should().Be("ACCOUNT_STATUS_ENABLED", $"{replica.Name} has the change made after the outage");
            (await replica.AccountAsync("ultravox", bound)).Status.Should().Be(429, $"{replica.Name} keeps the binding acknowledged before the outage");
        }

        var versions = (await Task.WhenAll(replicas.Select(HealthAsync))).Select(h => h["state"]!["version"]!.GetValue<long>()).ToArray();
        versions.Distinct().Should().ContainSingle("the replicas converged on one version");
    }

    [Test]
    public async Task A_replica_killed_under_load_loses_nothing_another_replica_acknowledged()
    {
        await using var set = await ReplicaSet.StartAsync();
        var (survivors, victim) = (set.Replicas.Take(2).ToArray(), set.Replicas[2]);
        using var load = new Load(set.Replicas, survivors);
        var acknowledged = new List<string>();

        for (var i = 0; i < 60; i++)
        {
            if (i == 30)
            {
                victim.Process.Kill();
            }

            var token = Replica.NewToken($"kill{i}");
            using var bound = await survivors[i % 2].BindAsync("ultravox", token, "rate-limited");
            if (bound.IsSuccessStatusCode)
            {
                acknowledged.Add(token);
            }
        }

        await load.UntilAsync(load.Answered + 200);
        await load.StopAsync();

        acknowledged.Should().HaveCount(60, "the survivors answer every bind, the killed replica's absence included");
        load.Failures.Should().BeEmpty("the survivors answer every vendor request");
        foreach (var replica in survivors)
        {
            foreach (var token in acknowledged)
            {
                (await replica.AccountAsync("ultravox", token)).Status.Should().Be(429, $"{replica.Name} serves the binding of {token}");
            }

            var journal = (await replica.GetJsonAsync("/__admin/requests"))["requests"]!.AsArray()
                .Select(r => r!["mockAccounts"]!["token"]!.GetValue<string>()).ToHashSet();
            load.AnsweredBy(survivors).Should().OnlyContain(t => journal.Contains(t), $"{replica.Name}'s journal holds every request a survivor answered");
        }
    }

    private static async Task<JsonNode> HealthAsync(Replica replica) => await replica.GetJsonAsync("/__admin/health");

    private static async Task UntilAsync(Func<Task<bool>> condition, string what)
    {
        var started = Stopwatch.StartNew();
        while (!await condition())
        {
            if (started.Elapsed > Bound)
            {
                Assert.Fail($"Waited {Bound.TotalSeconds:0} s for {what}.");
            }

            await Task.Delay(20);
        }
    }

    /// <summary>Vendor requests on two loops round the replicas (each request its own token), every answer noted, until stopped.</summary>
    private sealed class Load : IDisposable
    {
        private readonly CancellationTokenSource _stop = new();
        private readonly Task[] _loops;
        private readonly ConcurrentQueue<(Replica Replica, string Token)> _answered = new();
        private readonly ConcurrentQueue<string> _failures = new();

        public Load(IReadOnlyList<Replica> replicas, IReadOnlyList<Replica>? only = null)
        {
            var targets = only ?? replicas;
            _loops = [.. Enumerable.Range(0, 2).Select(loop => Task.Run(async () =>
            {
                for (var i = loop; !_stop.IsCancellationRequested; i += 2)
                {
                    var replica = targets[i % targets.Count];
                    var token = Replica.NewToken("load");
                    try
                    {
                        var (status, _) = await replica.AccountAsync("runloop", token);
                        if (status >= 500)
                        {
                            _failures.Enqueue($"{replica.Name} answered {status}");
                        }
                        else
                        {
                            _answered.Enqueue((replica, token));
                        }
                    }
                    catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                    {
                        _failures.Enqueue($"{replica.Name}: {e.Message}");
                    }
                }
            }))];
        }

        public int Answered => _answered.Count;

        public IReadOnlyCollection<string> Failures => _failures;

        public IEnumerable<string> AnsweredBy(IReadOnlyList<Replica> replicas) => _answered.Where(a => replicas.Contains(a.Replica)).Select(a => a.Token);

        public async Task UntilAsync(int answered) => await FaultTests.UntilAsync(() => Task.FromResult(Answered >= answered || !_failures.IsEmpty), $"{answered} answered requests");

        public async Task StopAsync()
        {
            await _stop.CancelAsync();
            await Task.WhenAll(_loops);
        }

        public void Dispose()
        {
            _stop.Cancel();
            _stop.Dispose();
        }
    }
}
