using System.Text.RegularExpressions;
using MockAccounts.Core.Http;
using MockAccounts.Core.Mappings;
using MockAccounts.Core.Responses;
using MockAccounts.Core.Routing;
using MockAccounts.Core.Runtime;
using MockAccounts.Core.Scenarios;
using WireMock;
using WireMock.ResponseBuilders;
using WireMock.Types;
using WireMock.Util;

namespace MockAccounts.WireMockNet;

/// <summary>
/// A WireMock.Net callback over the engine: turns WireMock.Net's request into a <see cref="MockRequest"/>, carries the
/// vendor's WireMock.Net scenario state over, lets the pipeline decide, and turns the decision into WireMock.Net's response
/// message. Delays wait on the options' clock inside the callback; faults WireMock.Net cannot produce from a response
/// (closing or resetting the connection) are answered with a 501 problem saying so, never with something that looks like a vendor.
/// </summary>
internal sealed class WireMockResponder
{
    private readonly MockEngine _engine;
    private readonly ScenarioStates _states;
    private readonly TimeProvider _time;

    public WireMockResponder(MockEngine engine, ScenarioStates states, TimeProvider time)
    {
        _engine = engine;
        _states = states;
        _time = time;
    }

    public async Task<IResponseMessage> AnswerAsync(IRequestMessage message)
    {
        var method = message.Method.ToUpperInvariant();
        var head = method == "HEAD";
        var request = new MockRequest(method, message.Path, name => Header(message, name), message.BodyData?.BodyAsBytes ?? [], Query(message));
        var routed = _engine.Contracts.Current.Contracts.Match(head ? ContractSet.HeadAnswersAs : method, request.Path);
        var unknownState = routed is null ? null : _states.Carry(routed.Vendor.Name);
        switch (await _engine.Pipeline.HandleAsync(request).ConfigureAwait(false))
        {
            case Served { Source: ScenarioSource.CatalogueDefault } when unknownState is not null:
                // The vendor's state would have chosen, and it names no scenario: say so rather than serve the default.
                return Message(unknownState.ToResponse(), head);
            case Served served:
                return await ServeAsync(served, head).ConfigureAwait(false);
            case StubServed stub:
                return await ServeStubAsync(stub, head).ConfigureAwait(false);
            case Rejected rejected:
                return Message(rejected.Problem.ToResponse(), head);
            case MethodNotAllowed notAllowed:
                return Message(notAllowed.Problem(method, request.Path).ToResponse(new KeyValuePair<string, string>("Allow", string.Join(", ", notAllowed.Allowed))), head);
            default:
                return Message(NotMatched.Problem(method, request.Path).ToResponse(), head);
        }
    }

    private async Task<ResponseMessage> ServeAsync(Served served, bool head)
    {
        var response = served.Response;
        switch (served.Fault)
        {
            case FaultKind.ConnectionReset or FaultKind.EmptyResponse:
                return Message(CannotProduce(served.Vendor, served.Scenario, served.Fault == FaultKind.ConnectionReset
                    ? "resets the connection before any response"
                    : "closes the connection without a response").ToResponse(), head);
            case FaultKind.SlowBody:
                // WireMock.Net writes a callback's body in one piece: the whole dribble's time passes first.
                await Task.Delay(served.Delay?.Draw(Random.Shared) ?? DelaySpec.SlowBodyDefault, _time).ConfigureAwait(false);
                return Message(response, head);
        }

        if (served.Delay is { } delay)
        {
            await Task.Delay(delay.Draw(Random.Shared), _time).ConfigureAwait(false);
        }

        // A malformed body is the first half of the valid one, byte for byte as on MockAccounts' own host.
        return served.Fault == FaultKind.MalformedJson ? Message(response, head, response.Body.AsMemory(0, response.Body.Length / 2)) : Message(response, head);
    }

    private async Task<ResponseMessage> ServeStubAsync(StubServed stub, bool head)
    {
        if (stub.Delay > TimeSpan.Zero)
        {
            await Task.Delay(stub.Delay, _time).ConfigureAwait(false);
        }

        switch (stub.Fault)
        {
            case null:
                return Message(stub.Response, head);
            case StubFault.MalformedResponseChunk:
                // WireMock.Net's own fault of that name: half the body, then random bytes.
                var broken = Message(stub.Response, head);
                broken.FaultType = FaultType.MALFORMED_RESPONSE_CHUNK;
                return broken;
            default:
                return Message(CannotProduce(stub.Vendor ?? "-", $"mapping {stub.Mapping.Id}", stub.Fault switch
                {
                    StubFault.ConnectionResetByPeer => "resets the connection (CONNECTION_RESET_BY_PEER)",
                    StubFault.EmptyResponse => "closes the connection without a response (EMPTY_RESPONSE)",
                    _ => "sends random bytes instead of a response (RANDOM_DATA_THEN_CLOSE)",
                }).ToResponse(), head);
        }
    }

    private static Problem CannotProduce(string vendor, string scenario, string what) =>
        new(501, "Fault not available on WireMock.Net",
            $"'{vendor}' scenario '{scenario}' {what}; a WireMock.Net 1.25.0 response callback cannot do that. " +
            "Serve this scenario from MockAccounts' own host (MockAccountsServer, the container or mockaccounts serve).");

    private static ResponseMessage Message(MockResponse response, bool head) => Message(response, head, response.Body);

    /// <summary>
    /// WireMock.Net's message for <paramref name="response"/> with <paramref name="body"/>. WireMock.Net keeps Content-Length only
    /// for a response without a body (HEAD, empty), and sends a body chunked.
    /// </summary>
    private static ResponseMessage Message(MockResponse response, bool head, ReadOnlyMemory<byte> body)
    {
        var message = new ResponseMessage { StatusCode = response.Status };
        foreach (var group in response.Headers.GroupBy(h => h.Key, StringComparer.OrdinalIgnoreCase))
        {
            message.AddHeader(group.Key, group.Select(h => h.Value).ToArray());
        }

        if (head || body.IsEmpty)
        {
            message.AddHeader("Content-Length", body.Length.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        else
        {
            message.BodyData = new BodyData { BodyAsBytes = body.ToArray(), DetectedBodyType = BodyType.Bytes };
        }

        return message;
    }

    private static string? Header(IRequestMessage message, string name)
    {
        if (message.Headers is not { } headers)
        {
            return null;
        }

        foreach (var (key, values) in headers)
        {
            if (string.Equals(key, name, StringComparison.OrdinalIgnoreCase))
            {
                return string.Join(",", values);
            }
        }

        return null;
    }

    private static string Query(IRequestMessage message) =>
        message.RawQuery is not { Length: > 0 } query ? "" : query[0] == '?' ? query : "?" + query;

    /// <summary>A path template as a pattern WireMock.Net can match: <c>{name}</c> is one segment.</summary>
    public static string PathPattern(string template) =>
        "^" + string.Concat(Regex.Split(template, @"(\{[^}]*\})").Select(part => part.StartsWith('{') ? "[^/]+" : Regex.Escape(part))) + "$";
}
