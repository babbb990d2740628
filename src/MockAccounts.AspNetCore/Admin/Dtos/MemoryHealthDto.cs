namespace MockAccounts.AspNetCore.Admin;

/// <summary>What the process holds: for watching a long-running mock's memory from outside.</summary>
public sealed record MemoryHealthDto(long WorkingSetBytes, long HeapBytes, long CommittedBytes, int Gen0Collections, int Gen1Collections, int Gen2Collections)
{
    /// <summary>The current process's figures, read without forcing a collection.</summary>
    public static MemoryHealthDto Now() => new(
        Environment.WorkingSet, GC.GetTotalMemory(forceFullCollection: false), GC.GetGCMemoryInfo().TotalCommittedBytes,
        GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2));
}
