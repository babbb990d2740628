namespace MockAccounts.AspNetCore.Journal;

/// <summary>
/// One place in the journal ring. Everything it references outlives the request (interned method and
/// protocol strings, the contract's names, a cached response's headers and body); what was made for this
/// request alone is copied into <see cref="Packed"/>, so overwriting a slot creates no garbage.
/// </summary>
internal struct JournalSlot
{
    public long Sequence;
    public Fixed Info;
    public byte[]? Packed;
    public int PackedLength;

    /// <summary>The parts of an entry that are references to long-lived objects or plain values.</summary>
    /// <remarks>
    /// The outcome's token is packed with the request, so the slot holds no per-request string; its response is
    /// null here. <paramref name="ResponseHeaders"/> and <paramref name="ResponseBody"/> are null when there was no
    /// response, or when that part was packed because it was made for this request.
    /// </remarks>
    public readonly record struct Fixed(
        long Ticks,
        string Method,
        string Scheme,
        string Protocol,
        RequestOutcome Outcome,
        bool Answered,
        IReadOnlyList<KeyValuePair<string, string>>? ResponseHeaders,
        byte[]? ResponseBody);
}
