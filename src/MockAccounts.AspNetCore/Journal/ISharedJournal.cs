namespace MockAccounts.AspNetCore.Journal;

/// <summary>
/// The journal every replica pointing at one store writes to (MockAccounts.Redis implements it): each replica hands its
/// entries over as opaque bytes, off the request path, and reads every replica's back for the admin API.
/// </summary>
public interface ISharedJournal
{
    /// <summary>Queues one entry to be written with the next batch; never waits. Past the queue's bound an entry is dropped and counted.</summary>
    /// <param name="entry">The entry, as <see cref="RequestJournal"/> packs it (the journal owns the array from here).</param>
    void Append(byte[] entry);

    /// <summary>Asks every live replica, this one included, to write what it has queued, and waits (boundedly) until they have.</summary>
    /// <param name="cancellationToken">Stops waiting.</param>
    Task FlushAllAsync(CancellationToken cancellationToken);

    /// <summary>Every replica's entries the store holds (the newest <c>Journal:Capacity</c>), in the order they were written.</summary>
    /// <param name="cancellationToken">Stops reading.</param>
    Task<IReadOnlyList<byte[]>> ReadAsync(CancellationToken cancellationToken);

    /// <summary>Removes these entries (as <see cref="ReadAsync"/> gave them) from the store.</summary>
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
