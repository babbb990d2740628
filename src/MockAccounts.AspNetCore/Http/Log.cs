namespace MockAccounts.AspNetCore.Http;

/// <summary>The server's log lines, source-generated so the request path pays nothing when a level is off.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "{Method} {Path}: {Vendor}/{Scenario} breaks its contract: {Violations}")]
    public static partial void ContractViolation(ILogger logger, string method, string path, string vendor, string scenario, string violations);

    [LoggerMessage(EventId = 3, Level = LogLevel.Information, Message = "Contracts reloaded: {Vendors} vendor(s)")]
    public static partial void Reloaded(ILogger logger, int vendors);

    [LoggerMessage(EventId = 4, Level = LogLevel.Error, Message = "Contract reload failed; the last good contracts stay in service. {Error}")]
    public static partial void ReloadFailed(ILogger logger, string? error);

    [LoggerMessage(EventId = 5, Level = LogLevel.Information, Message = "Serving {Count} vendor(s): {Vendors} from {Roots}; validation {Validation}")]
    public static partial void ContractsLoaded(ILogger logger, int count, string vendors, string roots, string validation);

    [LoggerMessage(EventId = 7, Level = LogLevel.Information, Message = "{Method} {Path} {Protocol} -> {Status} {Vendor}/{Scenario} {Why} {ElapsedMs:F1} ms")]
    public static partial void RequestServed(ILogger logger, string method, string? path, string protocol, int status, string vendor, string scenario, string why, double elapsedMs);

    [LoggerMessage(EventId = 8, Level = LogLevel.Information, Message = "{Vendor}: serving variant '{Serving}'; variant '{Variant}' differs from the docs: {Summary} Pick it at start-up with MockAccounts__Variants__{Vendor}={Variant}, per token with PUT /__admin/vendors/{Vendor}/tokens/<token>/variant {{\"variant\": \"{Variant}\"}}, per request with 'Prefer: variant={Variant}'")]
    public static partial void VariantDiffers(ILogger logger, string vendor, string serving, string variant, string summary);

    [LoggerMessage(EventId = 9, Level = LogLevel.Information, Message = "Variation {Variation}: successive requests of each token walk what its contract allows (absent, null, bounds, every enum value)")]
    public static partial void EdgeVariation(ILogger logger, Core.Generation.Variation variation);

    [LoggerMessage(EventId = 6, Level = LogLevel.Warning, Message = "Root path conflict: {Conflict}")]
    public static partial void RouteConflict(ILogger logger, string conflict);

    [LoggerMessage(EventId = 10, Level = LogLevel.Warning, Message = "{Vendor}: not honoured: {Warning}")]
    public static partial void ContractWarning(ILogger logger, string vendor, string warning);

    [LoggerMessage(EventId = 11, Level = LogLevel.Warning, Message = "{Vendor}: {More} more warning(s): GET /__admin/vendors/{Vendor} lists them all")]
    public static partial void MoreContractWarnings(ILogger logger, string vendor, int more);

    [LoggerMessage(EventId = 12, Level = LogLevel.Warning, Message = "{Method} {Path}: {Title}: {Detail}")]
    public static partial void RequestFailed(ILogger logger, string method, string path, string title, string detail);

    [LoggerMessage(EventId = 13, Level = LogLevel.Error, Message = "{Method} {Path}: unhandled {ExceptionType}; answered 500")]
    public static partial void Unhandled(ILogger logger, Exception exception, string method, string? path, string exceptionType);
}
