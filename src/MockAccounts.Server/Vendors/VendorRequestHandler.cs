using System.Diagnostics;
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
        var started = Stopwatch.GetTimestamp();
        var aborted = context.RequestAborted;
        var body = await RequestBody.ReadAsync(context.Request, _options.MaxBodyBytes, aborted);
        if (body is null)
        {
            await Problems.TooLarge(context, _options.MaxBodyBytes);
            Record(context, null, ReadOnlyMemory<byte>.Empty, started);
            return;
        }

        var headers = context.Request.Headers;
        var request = new MockRequest(
            context.Request.Method, context.Request.Path.Value ?? "/", name => headers.TryGetValue(name, out var v) ? v.ToString() : null, body.Value, context.Request.QueryString.Value ?? "");
        var result = _pipeline.Handle(request);
        switch (result)
        {
            case Served served:
                if (served.Violations.Count > 0)
                {
                    Log.ContractViolation(_log, request.Method, request.Path, served.Vendor, served.Scenario, ViolationResponse.HeaderValue(served.Violations));
                }

                Record(context, served, body.Value, started);
                await ResponseWriter.WriteAsync(context, served, _time, aborted);
                break;
            case StubServed stub:
                if (stub.Violations.Count > 0)
                {
                    Log.ContractViolation(_log, request.Method, request.Path, stub.Vendor ?? "-", $"mapping {stub.Mapping.Id}", ViolationResponse.HeaderValue(stub.Violations));
                }

                Record(context, stub, body.Value, started);
                await ResponseWriter.WriteStubAsync(context, stub, _time, aborted);
                break;
            case Rejected rejected:
                await Problems.Write(context, rejected.Problem);
                Record(context, null, body.Value, started);
                break;
            case MethodNotAllowed notAllowed:
                context.Response.Headers.Allow = string.Join(", ", notAllowed.Allowed);
                await Problems.Write(context, new Problem(StatusCodes.Status405MethodNotAllowed, "Method not allowed",
                    $"{EchoedInput.Cut(request.Path)} is documented for {string.Join(", ", notAllowed.Allowed)}, not {EchoedInput.Cut(request.Method)}."));
                Record(context, null, body.Value, started);
                break;
            default:
                await Problems.Write(context, new Problem(StatusCodes.Status404NotFound, "No such endpoint", $"No vendor answers {EchoedInput.Cut(request.Method)} {EchoedInput.Cut(request.Path)}. See GET /__admin/vendors for every vendor's endpoints."));
                Record(context, null, body.Value, started);
                break;
        }
    }

    private void Record(HttpContext context, PipelineResult? result, ReadOnlyMemory<byte> body, long started)
    {
        var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        var (status, vendor, scenario) = result switch
        {
            Served served => (served.Response.Status, served.Vendor, served.Scenario),
            StubServed stub => (stub.Response.Status, stub.Vendor ?? "-", "mapping"),
            _ => (context.Response.StatusCode, "-", "-"),
        };
        _requestLog.Write(context.Request.Method, context.Request.Path.Value, context.Request.Protocol, status, vendor, scenario, elapsed);
        _journal.Add(context, result, status, body.Span, elapsed);
    }
}
