using FluentAssertions;

namespace MockAccounts.Core.Tests;

/// <summary>`dotnet test MockAccounts.sln` runs every suite under tests/hang.runsettings without being told to.</summary>
public sealed class HangBoundTests
{
    [Test]
    public void This_run_has_a_per_test_hang_timeout()
    {
        TestContext.Parameters.Get("hangTimeout").Should().Be("5m", "tests/Directory.Build.props names tests/hang.runsettings as every test project's run settings");
    }
}
