using MockAccounts.Core.Responses;

namespace MockAccounts.Core.Runtime;

/// <summary>The request's own mock controls are wrong (an unknown scenario in <c>Prefer</c>, …): the vendor's request, MockAccounts' problem.</summary>
/// <param name="Vendor">The vendor whose operation was asked for.</param>
/// <param name="Problem">What was wrong, with the valid choices.</param>
public sealed record Rejected(string Vendor, Problem Problem) : PipelineResult;
