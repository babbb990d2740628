namespace MockAccounts.Server.Journal;

/// <summary>
/// One place in the journal ring. Everything it references outlives the request (interned method and
/// protocol strings, the contract's names, the cached response), so overwriting a slot creates no garbage.
/// </summary>
internal struct JournalSlot
{
    public long Sequence;
    public Fixed Info;
    public byte[]? Packed;
    public int PackedLength;

    /// <summary>The parts of an entry that are references to long-lived objects or plain values.</summary>
    /// <remarks>The outcome's token is packed with the request instead, so the slot holds no per-request string.</remarks>
    public readonly record struct Fixed(
        long Ticks,
        string Method,
        string Scheme,
        string Protocol,
        RequestOutcome Outcome);
}
