namespace MockAccounts.AspNetCore.Admin;

/// <summary>
/// Per-token memory: tokens remembered and their cap, the estimated bytes they hold and that cap, and how many were
/// dropped (least recently used) to keep within both.
/// </summary>
public sealed record TokenHealthDto(int Entries, int Capacity, long Evicted, long Bytes, long ByteCapacity);
