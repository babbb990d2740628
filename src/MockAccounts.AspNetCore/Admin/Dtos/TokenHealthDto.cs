namespace MockAccounts.AspNetCore.Admin;

/// <summary>Per-token memory: entries held, the cap, and how many were dropped (least recently used) to keep it.</summary>
public sealed record TokenHealthDto(int Entries, int Capacity, long Evicted);
