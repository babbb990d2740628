using MockAccounts.Core.Http;
using MockAccounts.Core.Mappings;
using MockAccounts.Core.Responses;
using MockAccounts.Core.Validation;

namespace MockAccounts.Core.Runtime;

/// <summary>A stub mapping answered (its vendor is set when the request was a vendor operation, whose contract checked it).</summary>
public sealed record StubServed(
    StubMapping Mapping,
    string? Vendor,
    MockResponse Response,
    TimeSpan Delay,
    StubFault? Fault,
    IReadOnlyList<Violation> Violations) : PipelineResult;
