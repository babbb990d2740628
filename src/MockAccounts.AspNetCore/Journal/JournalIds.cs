using System.Buffers.Binary;

namespace MockAccounts.AspNetCore.Journal;

/// <summary>
/// Request ids as UUIDs (version 8) made from a random per-journal prefix and the entry's sequence
/// number, so an id costs nothing until somebody reads it and never repeats within a journal.
/// </summary>
internal sealed class JournalIds
{
    // Unique per journal, not secret: a new GUID's random bits come from the OS without loading OpenSSL.
    private readonly byte[] _prefix = Guid.NewGuid().ToByteArray()[..10];

    public Guid For(long sequence)
    {
        Span<byte> bytes = stackalloc byte[16];
        _prefix.CopyTo(bytes);
        bytes[6] = (byte)(0x80 | (bytes[6] & 0x0F));
        // Bytes 10 to 15: the low 48 bits of the sequence; 8 and 9 stay the prefix's (with the variant bits).
        BinaryPrimitives.WriteInt64BigEndian(bytes[8..], sequence & 0x0000_FFFF_FFFF_FFFF);
        bytes[8] = (byte)(0x80 | (_prefix[8] & 0x3F));
        bytes[9] = _prefix[9];
        return new Guid(bytes, bigEndian: true);
    }
}
