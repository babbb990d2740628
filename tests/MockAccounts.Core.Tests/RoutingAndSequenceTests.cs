using FluentAssertions;

namespace MockAccounts.Core.Tests;

public sealed class RoutingAndSequenceTests
{
    [TestCase("GET", "/v1/accounts/me", "runloop", false)]
    [TestCase("GET", "/runloop/v1/accounts/me", "runloop", true)]
    [TestCase("GET", "/api/v1/me", "opterius", false)]
    [TestCase("GET", "/v1/account/profile", "depicta", false)]
    [TestCase("PATCH", "/depicta/v1/account/profile", "depicta", true)]
    [TestCase("POST", "/v1/account/notifications/dismiss", "depicta", false)]
    [TestCase("GET", "/ultravox/api/accounts/me", "ultravox", true)]
    public void Vendor_paths_match_at_the_root_and_under_their_prefix(string method, string path, string vendor, bool prefixed)
    {
        var match = Contracts.Engine.Contracts.Match(method, path);

        match.Should().NotBeNull();
        match!.Vendor.Name.Should().Be(vendor);
        match.Prefixed.Should().Be(prefixed);
    }

    [TestCase("POST", "/v1/accounts/me")]
    [TestCase("GET", "/v1/accounts/me/extra")]
    [TestCase("GET", "/depicta/v1/accounts/me")]
    [TestCase("GET", "/nobody/v1/me")]
    public void Other_paths_do_not_match(string method, string path) =>
        Contracts.Engine.Contracts.Match(method, path).Should().BeNull();

    [Test]
    public async Task Two_vendors_claiming_one_root_path_are_reported_and_both_keep_their_prefix()
    {
        var root = Path.Combine(Path.GetTempPath(), "mockaccounts-tests", $"clash-{Guid.NewGuid():N}");
        foreach (var (from, to) in new[] { ("schemas", "acme"), ("schemas", "zeta"), ("mocks", "acme"), ("mocks", "zeta") })
        {
            var target = Path.Combine(root, from, to);
            Directory.CreateDirectory(target);
            foreach (var file in Directory.GetFiles(Contracts.TestData("fifth-vendor", from, "acme")))
            {
                File.Copy(file, Path.Combine(target, Path.GetFileName(file)));
            }
        }

        var engine = await ContractSnapshot.LoadAsync(Core.Loading.ContractSources.Under(root), Contracts.Options);

        engine.Contracts.RouteConflicts.Should().ContainSingle().Which.Should().Contain("GET /v1/me").And.Contain("'acme'").And.Contain("'zeta'");
        engine.Contracts.Match("GET", "/v1/me")!.Vendor.Name.Should().Be("acme");
        engine.Contracts.Match("GET", "/zeta/v1/me")!.Vendor.Name.Should().Be("zeta");
    }

    [Test]
    public void Flaky_fails_twice_then_serves_the_default_for_ever()
    {
        var statuses = Enumerable.Range(0, 6).Select(i => Contracts.Engine.Respond("runloop", "documented", "seq", "flaky", i).Status);

        statuses.Should().Equal(500, 500, 200, 200, 200, 200);
    }

    [TestCase("runloop")]
    [TestCase("ultravox")]
    [TestCase("depicta")]
    public void Rate_limited_once_asks_to_retry_after_one_second_then_succeeds(string vendor)
    {
        var first = Contracts.Engine.Respond(vendor, "documented", "seq", "rate-limited-once", 0);
        var second = Contracts.Engine.Respond(vendor, "documented", "seq", "rate-limited-once", 1);

        first.Status.Should().Be(429);
        first.Header("Retry-After").Should().Be("1");
        second.Status.Should().Be(200);
    }
}
