using MockAccounts.AspNetCore.Admin;
using MockAccounts.AspNetCore.Http;
using MockAccounts.AspNetCore.Journal;
using MockAccounts.Core.Responses;
using MockAccounts.Core.Runtime;

namespace MockAccounts.AspNetCore.Hosting;

/// <summary>
/// The last line under every request: an exception nothing else handled becomes a problem+json 500 naming its cause,
/// written to the server log, and, for a request outside <c>/__admin</c>, recorded in the journal and the request log,
/// so no request ends in an empty, unrecorded 500. (The vendor handler answers and records its own failures with the
/// request's body; this catches what happens before or around it, and every admin endpoint.) A client that left is
/// not answered. The journal and request log are looked up only when needed: the runtime may still be loading when
/// the pipeline is built.
/// </summary>
internal sealed class UnhandledExceptionMiddleware(RequestDelegate next, IServiceProvider services, ILogger<UnhandledExceptionMiddleware> log)
{
    public Task InvokeAsync(HttpContext context)
    {
        Task running;
        try
        {
            running = next(context);
        }
        catch (Exception e)
        {
            return FailedAsync(context, e);
        }

        // Most requests complete synchronously: no state machine for them.
        return running.IsCompletedSuccessfully ? Task.CompletedTask : AwaitAsync(running, context);
    }

    private async Task AwaitAsync(Task running, HttpContext context)
    {
        try
        {
            await running.ConfigureAwait(false);
        }
        catch (Exception e)
        {
            await FailedAsync(context, e).ConfigureAwait(false);
        }
    }

    private Task FailedAsync(HttpContext context, Exception e)
    {
        if (e is OperationCanceledException && context.RequestAborted.IsCancellationRequested)
        {
            return Task.CompletedTask;
        }

        var request = context.Request;
        Log.Unhandled(log, e, request.Method, request.Path.Value, e.GetType().Name);
        var vendorRequest = !request.Path.StartsWithSegments(AdminRoutes.Prefix);
        if (context.Response.HasStarted)
        {
            // Part of an answer is on the wire: all that is left is to end the connection so the client sees the failure.
            if (vendorRequest)
            {
                Record(context, 0);
            }

            context.Abort();
            return Task.CompletedTask;
        }

        context.Response.Clear();
        var problem = Problems.Unhandled(request.Method, request.Path.Value, e);
        if (vendorRequest)
        {
            Record(context, problem.Status);
        }

        return Problems.Write(context, problem);
    }

    private void Record(HttpContext context, int status)
    {
        try
        {
            var outcome = new RequestOutcome(status, Outcomes.Error, 0);
            services.GetRequiredService<RequestLog>().Write(context.Request.Method, context.Request.Path.Value, context.Request.Protocol, outcome);
            services.GetRequiredService<RequestJournal>().Add(context, outcome, []);
        }
        catch (InvalidOperationException)
        {
            // The runtime never loaded (its load failed): there is no journal to record in; the log has the line.
        }
    }
}
