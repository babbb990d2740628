using MockAccounts.Core.Runtime;

namespace MockAccounts.WireMockNet;

/// <summary>
/// How <see cref="WireMockServerExtensions.AddMockAccountsAsync"/> serves the vendors: the options every MockAccounts host
/// shares (same names, same defaults: <c>o.Seed = 7</c>, <c>o.Variants["opterius"] = "v2.7.0"</c>, <c>o.ExtraContracts = ["team-contracts"]</c>),
/// plus what only a WireMock.Net server needs.
/// </summary>
public sealed record MockAccountsWireMockOptions : MockEngineOptions
{
    /// <summary>The priority of the vendor mappings by default: after any mapping of your own (WireMock.Net tries lower numbers first; yours default to 0).</summary>
    public const int DefaultPriority = 1_000_000;

    /// <summary>The WireMock.Net priority of the vendor mappings; a mapping of yours with a lower number answers first, as stub mappings do on MockAccounts' own host.</summary>
    public int Priority { get; set; } = DefaultPriority;

    /// <summary>
    /// The clock that scenario delays (<c>slow</c>, <c>slow-body</c>) wait on. With a fake clock
    /// (<c>Microsoft.Extensions.Time.Testing.FakeTimeProvider</c>) a slow scenario answers as soon as the test
    /// advances it. Default: the system clock.
    /// </summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;
}
