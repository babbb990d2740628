using MockAccounts.AspNetCore.Http;
using MockAccounts.AspNetCore.Journal;
using MockAccounts.Core.Http;
using MockAccounts.Core.Responses;
using MockAccounts.Core.Runtime;

namespace MockAccounts.AspNetCore.Vendors;

/// <summary>Every request that is not admin: the pipeline decides, the writer answers, the journal remembers.</summary>
internal sealed class VendorRequestHandler
{
    private readonly MockPipeline _pipeline;
    private readonly RequestJournal _journal;
    private readonly MockAccountsOptions _options;
    private readonly RequestLog _requestLog;
    private readonly ILogger<VendorRequestHandler> _log;
    private readonly TimeProvider _time;
    private readonly ContractStore _contracts;

    public VendorRequestHandler(
        MockPipeline pipeline, ContractStore contracts, RequestJournal journal, MockAccountsOptions options, RequestLog requestLog, TimeProvider time, ILogger<VendorRequestHandler> log)
    {
        _time = time;
        _contracts = contracts;
        _pipeline = pipeline;
        _journal = journal;
        _options = options;
        _requestLog = requestLog;
        _log = log;
    }

    /// <param name="context">The request.</param>
    /// <param name="unmatched">Where a request no vendor or stub answers goes instead of the mock's 404 (mounted in an application: its own endpoints); it is then not journaled.</param>
    public async Task HandleAsync(HttpContext context, RequestDelegate? unmatched)
    {
        if (unmatched is not null && _pipeline.Stubs.IsEmpty && !IsVendorPath(context))
        {
            // Mounted: no vendor documents this path and no stub could match it; the application's own request, body unread.
            await unmatched(context).ConfigureAwait(false);
            return;
        }

        var started = _time.GetTimestamp();
        var aborted = context.RequestAborted;
        var body = await RequestBody.ReadAsync(context.Request, _options.MaxBodyBytes, aborted).ConfigureAwait(false);
        if (body is null && unmatched is not null && !IsVendorPath(context))
        {
            // Too large to match a stub by its body, and not a vendor's path: the application's own request.
            await PassOnAsync(context, unmatched).ConfigureAwait(false);
            return;
        }

        if (body is null)
        {
            await Problems.TooLarge(context, _options.MaxBodyBytes).ConfigureAwait(false);
            Record(context, new RequestOutcome(context.Response.StatusCode, Outcomes.TooLarge, Elapsed(started)), ReadOnlyMemory<byte>.Empty);
            return;
        }

        var headers = context.Request.Headers;
        var request = new MockRequest(
            context.Request.Method, context.Request.Path.Value ?? "/", name => headers.TryGetValue(name, out var v) ? v.ToString() : null, body.Value, context.Request.QueryString.Value ?? "")
        {
            Aborted = aborted,
        };
        PipelineResult result;
        try
        {
            result = await _pipeline.HandleAsync(request).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (aborted.IsCancellationRequested)
        {
            // The client left while its request was matched: matching stopped, nothing to answer.
            Record(context, new RequestOutcome(0, Outcomes.ClientAborted, Elapsed(started)), body.Value);
            return;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Answered and recorded here, with the request's body; the middleware is for what happens outside this handler.
            Log.Unhandled(_log, e, request.Method, request.Path, e.GetType().Name);
            await RefuseAsync(context, body.Value, Problems.Unhandled(request.Method, request.Path, e), new RequestOutcome(0, Outcomes.Error, 0), started).ConfigureAwait(false);
            return;
        }

        switch (result)
        {
            case Served served:
                if (served.Violations.Count > 0)
                {
                    Log.ContractViolation(_log, request.Method, request.Path, served.Vendor, served.Scenario, ViolationResponse.HeaderValue(served.Violations));
                }

                await AnswerAsync(context, body.Value, recorded => ResponseWriter.WriteAsync(context, served, _time, recorded, aborted), () => Outcome(served, started)).ConfigureAwait(false);
                break;
            case StubServed stub:
                if (stub.Violations.Count > 0)
                {
                    Log.ContractViolation(_log, request.Method, request.Path, stub.Vendor ?? "-", $"mapping {stub.Mapping.Id}", ViolationResponse.HeaderValue(stub.Violations));
                }

                await AnswerAsync(context, body.Value, recorded => ResponseWriter.WriteStubAsync(context, stub, _time, recorded, aborted), () => Outcome(stub, started)).ConfigureAwait(false);
                break;
            case Failed failed:
                Log.RequestFailed(_log, request.Method, request.Path, failed.Problem.Title, failed.Problem.Detail);
                await RefuseAsync(context, body.Value, failed.Problem, new RequestOutcome(0, Outcomes.Error, 0) { Vendor = failed.Vendor, Stub = failed.Mapping }, started).ConfigureAwait(false);
                break;
            case Rejected rejected:
                await RefuseAsync(context, body.Value, rejected.Problem, new RequestOutcome(0, Outcomes.Rejected, 0) { Vendor = rejected.Vendor }, started).ConfigureAwait(false);
                break;
            case MethodNotAllowed notAllowed:
                context.Response.Headers.Allow = string.Join(", ", notAllowed.Allowed);
                await RefuseAsync(context, body.Value, notAllowed.Problem(request.Method, request.Path), new RequestOutcome(0, Outcomes.MethodNotAllowed, 0), started).ConfigureAwait(false);
                break;
            case NotMatched when unmatched is not null:
                await PassOnAsync(context, unmatched).ConfigureAwait(false);
                break;
            default:
                await RefuseAsync(context, body.Value, NotMatched.Problem(request.Method, request.Path), new RequestOutcome(0, Outcomes.NotMatched, 0), started).ConfigureAwait(false);
                break;
        }
    }

    private bool IsVendorPath(HttpContext context) => _contracts.Current.Contracts.MethodsAt(context.Request.Path.Value ?? "/").Count > 0;

    /// <summary>
    /// Hands the request on to the application. Its body was read without being consumed, and stays in the request's
    /// pipe; the body stream is pointed at that pipe, so the application reads it from the start whichever way it reads
    /// (over a server whose pipe wraps the stream, as TestServer's does, the stream alone would have lost what was read).
    /// </summary>
    private static Task PassOnAsync(HttpContext context, RequestDelegate next)
    {
        context.Request.Body = context.Request.BodyReader.AsStream();
        return next(context);
    }

    /// <summary>
    /// Writes the answer and records it exactly once: when the writer says the outcome is settled (before the
    /// client can see the answer complete), or as <see cref="Outcomes.ClientAborted"/> when the client leaves first.
    /// </summary>
    private async Task AnswerAsync(HttpContext context, ReadOnlyMemory<byte> body, Func<Action, Task> write, Func<RequestOutcome> outcome)
    {
        var recorded = false;
        try
        {
            await write(() =>
            {
                recorded = true;
                Record(context, outcome(), body);
            }).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested && !recorded)
        {
            Record(context, outcome() with { Outcome = Outcomes.ClientAborted }, body);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            Log.Unhandled(_log, e, context.Request.Method, context.Request.Path.Value, e.GetType().Name);
            var started = context.Response.HasStarted;
            if (!recorded)
            {
                Record(context, outcome() with { Status = started ? 0 : StatusCodes.Status500InternalServerError, Outcome = Outcomes.Error, Response = null }, body);
            }

            if (started)
            {
                context.Abort();
                return;
            }

            context.Response.Clear();
            await Problems.Write(context, Problems.Unhandled(context.Request.Method, context.Request.Path.Value, e)).ConfigureAwait(false);
        }
    }

    private Task RefuseAsync(HttpContext context, ReadOnlyMemory<byte> body, Problem problem, RequestOutcome outcome, long started) =>
        AnswerAsync(context, body, async recorded =>
        {
            await Problems.Write(context, problem).ConfigureAwait(false);
            recorded();
        }, () => outcome with { Status = problem.Status, ElapsedMs = Elapsed(started) });

    private RequestOutcome Outcome(Served served, long started) =>
        new(served.Fault is { } fault && Outcomes.SendsNoStatus(fault) ? 0 : served.Response.Status,
            served.Fault is null ? Outcomes.Sent : Outcomes.Fault,
            Elapsed(started))
        {
            Vendor = served.Vendor,
            Variant = served.Variant,
            Scenario = served.Scenario,
            ScenarioSource = Outcomes.Of(served.Source),
            Fault = served.Fault is { } kind ? Outcomes.Of(kind) : null,
            Token = served.Token,
            Response = served.Response,
        };

    private RequestOutcome Outcome(StubServed stub, long started) =>
        new(stub.Fault is { } fault && Outcomes.SendsNoStatus(fault) ? 0 : stub.Response.Status,
            stub.Fault is null ? Outcomes.Sent : Outcomes.Fault,
            Elapsed(started))
        {
            Vendor = stub.Vendor,
            Scenario = "mapping",
            Fault = stub.Fault is { } kind ? Outcomes.Of(kind) : null,
            Response = stub.Response,
            Stub = stub.Mapping,
        };

    private double Elapsed(long started) => _time.GetElapsedTime(started).TotalMilliseconds;

    private void Record(HttpContext context, in RequestOutcome outcome, ReadOnlyMemory<byte> body)
    {
        _requestLog.Write(context.Request.Method, context.Request.Path.Value, context.Request.Protocol, outcome);
        _journal.Add(context, outcome, body.Span);
    }
}
