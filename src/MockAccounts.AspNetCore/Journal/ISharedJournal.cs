namespace MockAccounts.AspNetCore.Journal;

/// <summary>
/// The journal every replica pointing at one store writes to (MockAccounts.Redis implements it): each replica hands its
/// entries over as opaque bytes, off the request path, and reads every replica's back for the admin API.
/// </summary>
public interface ISharedJournal
{
    /// <summary>How many of an entry's first bytes identify it; its time (UTC ticks, 8 bytes, little-endian) follows.</summary>
    const int EntryIdLength = 17;

    /// <summary>
    /// The key every replica sharing this journal digests credentials under (a credential is kept only as a digest unless
    /// credentials are kept whole), the same on each so a request pattern naming a credential finds the entries every
    /// replica recorded with it; derived from what the replicas share, never sent to the store.
    /// </summary>
    long DigestKey { get; }

    /// <summary>Queues one entry to be written with the next batch; never waits. Past the queue's bound an entry is dropped and counted.</summary>
    /// <param name="entry">
    /// The entry, as <see cref="RequestJournal"/> packs it (the journal owns the array from here). Its first
    /// <see cref="EntryIdLength"/> bytes identify it, the next 8 are its time; it ends with the part many entries repeat (the response a cache served), that part's length in the last
    /// four bytes (little-endian), so a store may keep each distinct one once per batch.
    /// </param>
    void Append(byte[] entry);

    /// <summary>Asks every live replica, this one included, to write what it has queued, and waits (boundedly) until they have.</summary>
    /// <param name="cancellationToken">Stops waiting.</param>
    Task FlushAllAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Every replica's entries the store holds, and how many of the oldest among them (by the time each records) are
    /// dropped at capacity and to be left out: a store may keep entries it has dropped until it can let a whole batch go.
    /// </summary>
    /// <param name="cancellationToken">Stops reading.</param>
    Task<(IReadOnlyList<byte[]> Entries, int OldestDropped)> ReadAsync(CancellationToken cancellationToken);

    /// <summary>Removes these entries (as <see cref="ReadAsync"/> gave them, not dropped; known by their first <see cref="EntryIdLength"/> bytes) from the store.</summary>
    /// <param name="entries">The entries to remove.</param>
    /// <param name="cancellationToken">Stops removing.</param>
    Task RemoveAsync(IReadOnlyList<byte[]> entries, CancellationToken cancellationToken);

    /// <summary>Removes every replica's entries and the count of those dropped at capacity.</summary>
    /// <param name="cancellationToken">Stops clearing.</param>
    Task ClearAsync(CancellationToken cancellationToken);

    /// <summary>Entries the store holds, and those it dropped to stay within <c>Journal:Capacity</c> since it was last cleared.</summary>
    /// <param name="cancellationToken">Stops asking.</param>
    Task<(int Count, long Dropped)> CountsAsync(CancellationToken cancellationToken);
}
