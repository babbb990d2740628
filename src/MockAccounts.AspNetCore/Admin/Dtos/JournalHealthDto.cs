namespace MockAccounts.AspNetCore.Admin;

/// <summary>The journal part of the health.</summary>
/// <param name="Size">Requests the journal holds now.</param>
/// <param name="Capacity">The most requests it holds (0: the journal is off).</param>
/// <param name="Dropped">Requests not recorded because the journal was full.</param>
public sealed record JournalHealthDto(int Size, int Capacity, long Dropped);
