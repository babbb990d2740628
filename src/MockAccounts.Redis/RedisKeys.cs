using StackExchange.Redis;

namespace MockAccounts.Redis;

/// <summary>Every key and channel one mock uses, under its prefix (<c>MockAccounts:State:Prefix</c>), so several mocks share one Redis.</summary>
internal sealed class RedisKeys(string prefix)
{
    /// <summary>The version of the last change (INCR'd by each).</summary>
    public RedisKey Version { get; } = prefix + "version";

    /// <summary>The shared state: one field per thing a change sets, each holding the changes that made it (with their versions).</summary>
    public RedisKey State { get; } = prefix + "state";

    /// <summary>Sequence positions and request numbers, one field per token and count.</summary>
    public RedisKey Counters { get; } = prefix + "counters";

    /// <summary>The live replicas, scored by their last heartbeat (Redis's own clock, milliseconds).</summary>
    public RedisKey Replicas { get; } = prefix + "replicas";

    /// <summary>Every replica's journal entries, oldest first, in pages (<see cref="JournalPage"/>).</summary>
    public RedisKey JournalPages { get; } = prefix + "journal:pages";

    /// <summary>Each page's record, in the pages' order: how many entries it holds, its number, its newest entry's time.</summary>
    public RedisKey JournalPageCounts { get; } = prefix + "journal:counts";

    /// <summary>The pages' numbers by their oldest entry's time.</summary>
    public RedisKey JournalPageTimes { get; } = prefix + "journal:times";

    /// <summary>The last page's number.</summary>
    public RedisKey JournalPageNumber { get; } = prefix + "journal:number";

    /// <summary>Entries the journal shows (at most its capacity).</summary>
    public RedisKey JournalSize { get; } = prefix + "journal:size";

    /// <summary>The oldest entries still stored in a page but dropped at capacity (never shown).</summary>
    public RedisKey JournalHidden { get; } = prefix + "journal:hidden";

    /// <summary>Entries the journal dropped at capacity.</summary>
    public RedisKey JournalDropped { get; } = prefix + "journal:dropped";

    /// <summary>Where changes go out, each as its version, a newline, and the change's JSON.</summary>
    public RedisChannel Changes { get; } = RedisChannel.Literal(prefix + "changes");

    /// <summary>Where replicas say they applied a change (<c>c replica version</c>) or wrote their journal queue (<c>f replica nonce</c>).</summary>
    public RedisChannel Acks { get; } = RedisChannel.Literal(prefix + "acks");

    /// <summary>Where a replica asks every other to write its journal queue now (the nonce to answer with).</summary>
    public RedisChannel Flush { get; } = RedisChannel.Literal(prefix + "flush");
}
