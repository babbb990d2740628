namespace MockAccounts.AspNetCore.Hosting;

/// <summary>
/// Registered by a host of our own that logs to the console: its request log writes straight to stdout in
/// batches, off the request path (<see cref="Journal.RequestLog"/>), instead of one log entry per request.
/// </summary>
internal sealed class RequestLogToConsole;
