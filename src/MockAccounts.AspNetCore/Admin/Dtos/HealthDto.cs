using MockAccounts.AspNetCore.Journal;

namespace MockAccounts.AspNetCore.Admin;

/// <summary>The body of <c>GET /__admin/health</c>: WireMock's health fields plus the mock's own gauges.</summary>
/// <param name="Status"><c>healthy</c>, or <c>degraded</c> while the last contract reload has failed or the shared state's store cannot be reached.</param>
/// <param name="Message">A sentence saying the same as <c>status</c>.</param>
/// <param name="Version">The server assembly's version.</param>
/// <param name="UptimeInSeconds">Whole seconds since the server started.</param>
/// <param name="Timestamp">When the health was read (UTC).</param>
/// <param name="Contracts">The contracts loaded and how their reloads went.</param>
/// <param name="Journal">How full the request journal is.</param>
/// <param name="Tokens">How much per-token memory is held.</param>
/// <param name="RequestLog">Whether the stdout request log is on, and lines it dropped.</param>
/// <param name="Memory">The process's memory and GC counts.</param>
public sealed record HealthDto(
    string Status, string Message, string Version, long UptimeInSeconds, DateTimeOffset Timestamp,
    ContractHealthDto Contracts, JournalHealthDto Journal, TokenHealthDto Tokens, RequestLogHealthDto RequestLog, MemoryHealthDto Memory)
{
    /// <summary>The shared state (<c>MockAccounts:State:Redis</c>), or null (left out) while the state is the process's own.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public SharedStateHealth? State { get; init; }
}
