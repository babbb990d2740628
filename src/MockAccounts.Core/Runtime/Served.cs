using MockAccounts.Core.Http;
using MockAccounts.Core.Responses;
using MockAccounts.Core.Scenarios;
using MockAccounts.Core.Validation;

namespace MockAccounts.Core.Runtime;

/// <summary>A vendor response, with what the wire should do and what validation found.</summary>
/// <param name="Vendor">The vendor that answered.</param>
/// <param name="Variant">The variant whose contract answered.</param>
/// <param name="Token">The credential the request carried, or null when it had none usable.</param>
/// <param name="Scenario">The scenario that answered.</param>
/// <param name="Source">Why that scenario answered.</param>
/// <param name="Response">What to send.</param>
/// <param name="Delay">How long to wait before answering, if at all.</param>
/// <param name="Fault">The network failure to simulate instead of a clean response, if any.</param>
/// <param name="Violations">Where the response breaks its contract; empty when it keeps it.</param>
public sealed record Served(
    string Vendor,
    string Variant,
    string? Token,
    string Scenario,
    ScenarioSource Source,
    MockResponse Response,
    DelaySpec? Delay,
    FaultKind? Fault,
    IReadOnlyList<Violation> Violations) : PipelineResult
{
    /// <summary>Whether the body was realistic or walked the contract's edges.</summary>
    public Generation.Variation Variation { get; init; }
}
