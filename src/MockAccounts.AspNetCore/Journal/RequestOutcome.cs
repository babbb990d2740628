using MockAccounts.Core.Http;
using MockAccounts.Core.Mappings;
using MockAccounts.Core.Responses;

namespace MockAccounts.AspNetCore.Journal;

/// <summary>
/// What became of one request once its answer was written (or given up on): the journal and the
/// request log record this, never the intention before the bytes went out.
/// </summary>
/// <param name="Status">The status the client received; 0 when no status line was sent (a reset or closed connection).</param>
/// <param name="Outcome">One of <see cref="Outcomes"/>: how the request ended.</param>
/// <param name="ElapsedMs">Milliseconds from receiving the request to the end of the answer, delays included, on the server's clock.</param>
public readonly record struct RequestOutcome(int Status, string Outcome, double ElapsedMs)
{
    /// <summary>The vendor whose operation the request asked for, if any.</summary>
    public string? Vendor { get; init; }

    /// <summary>The vendor variant whose contract answered, if one did.</summary>
    public string? Variant { get; init; }

    /// <summary>The scenario that answered, if one did.</summary>
    public string? Scenario { get; init; }

    /// <summary>Why that scenario answered (<c>request-header</c>, <c>token-binding</c>, <c>vendor-state</c>, <c>default</c>, <c>missing-credentials</c>).</summary>
    public string? ScenarioSource { get; init; }

    /// <summary>The network failure simulated instead of a clean response, if any.</summary>
    public string? Fault { get; init; }

    /// <summary>The credential the request carried, as sent.</summary>
    public string? Token { get; init; }

    /// <summary>The vendor or stub response (the bytes sent, or meant to be sent before a fault).</summary>
    public MockResponse? Response { get; init; }

    /// <summary>The stub mapping that answered, if one did.</summary>
    public StubMapping? Stub { get; init; }
}
