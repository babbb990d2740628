using MockAccounts.Core.Mappings;
using MockAccounts.Core.Responses;

namespace MockAccounts.Core.Runtime;

/// <summary>
/// The mock could not make an answer for this request (matching ran out of its budget, a template broke one of its
/// limits or rendered what HTTP cannot carry): MockAccounts' problem, naming the cause and the setting, instead of a guess.
/// </summary>
/// <param name="Vendor">The vendor whose operation was asked for, if known.</param>
/// <param name="Problem">What went wrong and what to change.</param>
public sealed record Failed(string? Vendor, Problem Problem) : PipelineResult
{
    /// <summary>The stub mapping that was answering, if one was.</summary>
    public StubMapping? Mapping { get; init; }
}
