using MockAccounts.Core.Responses;
using MockAccounts.Core.Runtime;
using MockAccounts.Server.Hosting;
using MockAccounts.Server.Journal;

namespace MockAccounts.Server.Vendors;

/// <summary>Every request that is not admin: the pipeline decides, the writer answers, the journal remembers.</summary>
internal sealed class VendorRequestHandler
{
    private readonly MockPipeline _pipeline;
    private readonly RequestJournal _journal;
    private readonly MockAccountsOptions _options;
    private readonly RequestLog _requestLog;
    private readonly ILogger<VendorRequestHandler> _log;
    private readonly TimeProvider _time;

    public VendorRequestHandler(MockPipeline pipeline, RequestJournal journal, MockAccountsOptions options, RequestLog requestLog, ILogger<VendorRequestHandler> log, MockAccountsRuntime runtime)
    {
        _time = runtime.Time;
        _pipeline = pipeline;
        _journal = journal;
        _options = options;
        _requestLog = requestLog;
        _log = log;
    }

    public async Task HandleAsync(HttpContext context)
    {
        var started = _time.GetTimestamp();
        var aborted = context.RequestAborted;
        var body = await RequestBody.ReadAsync(context.Request, _options.MaxBodyBytes, aborted);
        if (body is null)
        {
            await Problems.TooLarge(context, _options.MaxBodyBytes);
            Record(context, new RequestOutcome(context.Response.StatusCode, Outcomes.TooLarge, Elapsed(started)), ReadOnlyMemory<byte>.Empty);
            return;
        }

        var headers = context.Request.Headers;
        var request = new MockRequest(
            context.Request.Method, context.Request.Path.Value ?? "/", name => headers.TryGetValue(name, out var v) ? v.ToString() : null, body.Value, context.Request.QueryString.Value ?? "");
        var result = _pipeline.Handle(request);
        var outcome = result switch
        {
            Served served => await ServeAsync(context, request, served, started),
            StubServed stub => await ServeStubAsync(context, request, stub, started),
            Rejected rejected => await RefuseAsync(context, rejected.Problem, new RequestOutcome(0, Outcomes.Rejected, 0) { Vendor = rejected.Vendor }, started),
            MethodNotAllowed notAllowed => await MethodNotAllowedAsync(context, request, notAllowed, started),
            _ => await RefuseAsync(context, new Problem(StatusCodes.Status404NotFound, "No such endpoint", $"No vendor answers {EchoedInput.Cut(request.Method)} {EchoedInput.Cut(request.Path)}. See GET /__admin/vendors for every vendor's endpoints."),
                new RequestOutcome(0, Outcomes.NotMatched, 0), started),
        };
        Record(context, outcome, body.Value);
    }

    private async Task<RequestOutcome> ServeAsync(HttpContext context, MockRequest request, Served served, long started)
    {
        if (served.Violations.Count > 0)
        {
            Log.ContractViolation(_log, request.Method, request.Path, served.Vendor, served.Scenario, ViolationResponse.HeaderValue(served.Violations));
        }

        var ending = await WriteAsync(context, () => ResponseWriter.WriteAsync(context, served, _time, context.RequestAborted));
        return new RequestOutcome(
            served.Fault is { } fault && Outcomes.SendsNoStatus(fault) ? 0 : served.Response.Status,
            ending ?? (served.Fault is null ? Outcomes.Sent : Outcomes.Fault),
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
    }

    private async Task<RequestOutcome> ServeStubAsync(HttpContext context, MockRequest request, StubServed stub, long started)
    {
        if (stub.Violations.Count > 0)
        {
            Log.ContractViolation(_log, request.Method, request.Path, stub.Vendor ?? "-", $"mapping {stub.Mapping.Id}", ViolationResponse.HeaderValue(stub.Violations));
        }

        var ending = await WriteAsync(context, () => ResponseWriter.WriteStubAsync(context, stub, _time, context.RequestAborted));
        return new RequestOutcome(
            stub.Fault is { } fault && Outcomes.SendsNoStatus(fault) ? 0 : stub.Response.Status,
            ending ?? (stub.Fault is null ? Outcomes.Sent : Outcomes.Fault),
            Elapsed(started))
        {
            Vendor = stub.Vendor,
            Scenario = "mapping",
            Fault = stub.Fault is { } kind ? Outcomes.Of(kind) : null,
            Response = stub.Response,
            Stub = stub.Mapping,
        };
    }

    private async Task<RequestOutcome> MethodNotAllowedAsync(HttpContext context, MockRequest request, MethodNotAllowed notAllowed, long started)
    {
        context.Response.Headers.Allow = string.Join(", ", notAllowed.Allowed);
        var problem = new Problem(StatusCodes.Status405MethodNotAllowed, "Method not allowed",
            $"{EchoedInput.Cut(request.Path)} is documented for {string.Join(", ", notAllowed.Allowed)}, not {EchoedInput.Cut(request.Method)}.");
        return await RefuseAsync(context, problem, new RequestOutcome(0, Outcomes.MethodNotAllowed, 0), started);
    }

    private async Task<RequestOutcome> RefuseAsync(HttpContext context, Problem problem, RequestOutcome outcome, long started)
    {
        var ending = await WriteAsync(context, () => Problems.Write(context, problem));
        return outcome with { Status = problem.Status, Outcome = ending ?? outcome.Outcome, ElapsedMs = Elapsed(started) };
    }

    /// <summary>Writes the answer; a client that goes away meanwhile ends the request as <see cref="Outcomes.ClientAborted"/> (null: written).</summary>
    private static async Task<string?> WriteAsync(HttpContext context, Func<Task> write)
    {
        try
        {
            await write();
            return null;
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            return Outcomes.ClientAborted;
        }
    }

    private double Elapsed(long started) => _time.GetElapsedTime(started).TotalMilliseconds;

    private void Record(HttpContext context, in RequestOutcome outcome, ReadOnlyMemory<byte> body)
    {
        _requestLog.Write(context.Request.Method, context.Request.Path.Value, context.Request.Protocol, outcome);
        _journal.Add(context, outcome, body.Span);
    }
}
