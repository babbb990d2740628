using MockAccounts.Core.Contracts;
using MockAccounts.Core.Mappings;
using MockAccounts.Core.Responses;
using MockAccounts.Core.Scenarios;
using MockAccounts.Core.Validation;

namespace MockAccounts.Core.Runtime;

/// <summary>What the pipeline does with a response that breaks its contract.</summary>
public enum ValidationMode
{
    /// <summary>A contract violation answers 500 with the violations.</summary>
    Strict,

    /// <summary>Violations are reported (log, header) but the response is sent.</summary>
    Warn,

    /// <summary>Responses are not validated.</summary>
    Off,
}

/// <summary>Why this scenario answered: the first rule that matched.</summary>
public enum ScenarioSource
{
    /// <summary>The request asked for it (<c>Prefer</c> or <c>X-Mock-Scenario</c>).</summary>
    RequestHeader,
    /// <summary>The token is bound to it through the admin API.</summary>
    TokenBinding,
    /// <summary>The vendor was switched to it through the admin API.</summary>
    VendorState,
    /// <summary>It is the catalogue's default.</summary>
    CatalogueDefault,
    /// <summary>The request had no usable credentials, so the vendor's 401 scenario answered.</summary>
    MissingCredentials,
}

/// <summary>What the pipeline decided for one request; the host writes it to the wire.</summary>
public abstract record PipelineResult;

/// <summary>No vendor operation has this method and path.</summary>
public sealed record NotMatched : PipelineResult;

/// <summary>The path is a vendor operation's, but not for this method: <paramref name="Allowed"/> are the documented ones.</summary>
public sealed record MethodNotAllowed(IReadOnlyList<string> Allowed) : PipelineResult;

/// <summary>The request's own mock controls are wrong (an unknown scenario in <c>Prefer</c>, …).</summary>
public sealed record Rejected(string Vendor, string Title, string Detail) : PipelineResult;

/// <summary>A vendor response, with what the wire should do and what validation found.</summary>
public sealed record Served(
    string Vendor,
    string Variant,
    OperationContract Operation,
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

/// <summary>A stub mapping answered (its vendor is set when the request was a vendor operation, whose contract checked it).</summary>
public sealed record StubServed(
    StubMapping Mapping,
    string? Vendor,
    MockResponse Response,
    TimeSpan Delay,
    StubFault? Fault,
    IReadOnlyList<Violation> Violations) : PipelineResult;
