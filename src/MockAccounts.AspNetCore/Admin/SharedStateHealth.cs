namespace MockAccounts.AspNetCore.Admin;

/// <summary>How the shared state stands, for <c>/__admin/health</c>.</summary>
/// <param name="Store">The store, as the configuration names it with any password redacted (<c>redis 127.0.0.1:6379,password=*****</c>).</param>
/// <param name="Connected">Whether the store can be reached now.</param>
/// <param name="Replica">This replica's id.</param>
/// <param name="Replicas">Replicas alive now (this one included), as last seen.</param>
/// <param name="Version">The version of the last change this replica applied.</param>
/// <param name="JournalQueued">Journal entries waiting to be written to the store.</param>
/// <param name="JournalQueueDropped">Journal entries dropped because the queue was full (the store unreachable too long).</param>
/// <param name="Alone">Counts and changes made on this replica alone while the store was unreachable, undone at the next load.</param>
/// <param name="LastError">Why the store could not be reached last, or null.</param>
public sealed record SharedStateHealth(
    string Store, bool Connected, string Replica, int Replicas, long Version, int JournalQueued, long JournalQueueDropped, long Alone, string? LastError);
