using MockAccounts.Core.Mappings;
using MockAccounts.Core.Runtime;
using MockAccounts.Core.Scenarios;

namespace MockAccounts.AspNetCore.Journal;

/// <summary>The words the journal and the request log use for how a request ended and why its scenario answered.</summary>
public static class Outcomes
{
    /// <summary>The response was written in full.</summary>
    public const string Sent = "sent";

    /// <summary>A simulated network failure replaced (part of) the response.</summary>
    public const string Fault = "fault";

    /// <summary>The request's own mock controls were wrong (an unknown scenario or variant); MockAccounts answered 400.</summary>
    public const string Rejected = "rejected";

    /// <summary>No vendor operation or stub mapping answers the method and path.</summary>
    public const string NotMatched = "not-matched";

    /// <summary>The path is documented, but not for this method.</summary>
    public const string MethodNotAllowed = "method-not-allowed";

    /// <summary>The request body exceeded the size limit.</summary>
    public const string TooLarge = "too-large";

    /// <summary>The client went away before the answer was complete.</summary>
    public const string ClientAborted = "client-aborted";

    /// <summary>
    /// MockAccounts could not make an answer (a matching or template limit, a template that rendered what HTTP cannot
    /// carry, an unexpected error): it answered a 500 problem naming the cause.
    /// </summary>
    public const string Error = "error";

    /// <summary>Why a scenario answered, as the journal and log spell it.</summary>
    /// <param name="source">The rule that chose it.</param>
    public static string Of(ScenarioSource source) => source switch
    {
        ScenarioSource.RequestHeader => "request-header",
        ScenarioSource.TokenBinding => "token-binding",
        ScenarioSource.VendorState => "vendor-state",
        ScenarioSource.CatalogueDefault => "default",
        ScenarioSource.MissingCredentials => "missing-credentials",
        _ => source.ToString(),
    };

    /// <summary>A scenario's fault as its catalogue spells it.</summary>
    /// <param name="fault">The fault.</param>
    public static string Of(FaultKind fault) => fault switch
    {
        FaultKind.ConnectionReset => "connection-reset",
        FaultKind.EmptyResponse => "empty-response",
        FaultKind.MalformedJson => "malformed-json",
        FaultKind.SlowBody => "slow-body",
        _ => fault.ToString(),
    };

    /// <summary>A stub mapping's fault as WireMock spells it.</summary>
    /// <param name="fault">The fault.</param>
    public static string Of(StubFault fault) => fault switch
    {
        StubFault.ConnectionResetByPeer => "CONNECTION_RESET_BY_PEER",
        StubFault.EmptyResponse => "EMPTY_RESPONSE",
        StubFault.MalformedResponseChunk => "MALFORMED_RESPONSE_CHUNK",
        StubFault.RandomDataThenClose => "RANDOM_DATA_THEN_CLOSE",
        _ => fault.ToString(),
    };

    /// <summary>Whether the fault closes the connection before any status line is sent.</summary>
    /// <param name="fault">The scenario's fault.</param>
    public static bool SendsNoStatus(FaultKind fault) => fault is FaultKind.ConnectionReset or FaultKind.EmptyResponse;

    /// <summary>Whether the stub fault closes the connection before any status line is sent.</summary>
    /// <param name="fault">The mapping's fault.</param>
    public static bool SendsNoStatus(StubFault fault) => fault is not StubFault.MalformedResponseChunk;
}
