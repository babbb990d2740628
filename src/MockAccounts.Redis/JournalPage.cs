using System.Buffers;
using System.Buffers.Binary;
using MockAccounts.AspNetCore.Journal;

namespace MockAccounts.Redis;

/// <summary>
/// A batch of journal entries as one Redis list element. Redis pays per element and per byte it reads: one element per
/// batch instead of per entry, and each distinct response once per page rather than once per entry (a cached response is
/// the same bytes for every request it answers); with the writer's 10 ms gather, Redis's share of a core under the hot
/// load fell from 0.19-0.28 to 0.06 (docs/performance.md). Layout: a format byte, then per entry its length without its
/// tail, those bytes, and its tail: <c>-1</c>, the tail's length and bytes for a tail not seen before in this page, else
/// the index of the earlier one. The journal scripts read the same layout (<see cref="RedisScripts.RemoveEntries"/>).
/// </summary>
internal sealed class JournalPage
{
    /// <summary>The page format's first byte.</summary>
    public const byte Format = (byte)'P';

    /// <summary>A page stops taking entries past this many bytes (a long body can make one entry large).</summary>
    public const int MaxBytes = 1 << 20;

    private readonly ArrayBufferWriter<byte> _bytes = new(64 * 1024);
    private readonly Dictionary<Tail, int> _tails = [];

    public JournalPage() => Clear();

    /// <summary>Entries in the page.</summary>
    public int Count { get; private set; }

    /// <summary>The time of its oldest entry (UTC ticks).</summary>
    public long Oldest { get; private set; }

    /// <summary>The time of its newest entry (UTC ticks).</summary>
    public long Newest { get; private set; }

    /// <summary>Whether the page is full (by bytes).</summary>
    public bool Full => _bytes.WrittenCount >= MaxBytes;

    /// <summary>Adds one entry (as <see cref="AspNetCore.Journal.ISharedJournal.Append"/> receives it).</summary>
    public void Add(byte[] entry)
    {
        var tailLength = entry.Length >= 4 ? BinaryPrimitives.ReadInt32LittleEndian(entry.AsSpan(entry.Length - 4)) : -1;
        if (tailLength < 0 || tailLength > entry.Length - 4)
        {
            throw new ArgumentException($"A journal entry of {entry.Length} bytes does not end with its tail's length (read {tailLength}).", nameof(entry));
        }

        var headLength = entry.Length - 4 - tailLength;
        if (headLength < ISharedJournal.EntryIdLength + 8)
        {
            throw new ArgumentException($"A journal entry of {entry.Length} bytes has no time after its id.", nameof(entry));
        }

        var time = BinaryPrimitives.ReadInt64LittleEndian(entry.AsSpan(ISharedJournal.EntryIdLength, 8));
        (Oldest, Newest) = Count == 0 ? (time, time) : (Math.Min(Oldest, time), Math.Max(Newest, time));
        Write(headLength);
        _bytes.Write(entry.AsSpan(0, headLength));
        var tail = new Tail(entry, headLength, tailLength);
        if (_tails.TryGetValue(tail, out var index))
        {
            Write(index);
        }
        else
        {
            _tails[tail] = _tails.Count;
            Write(-1);
            Write(tailLength);
            _bytes.Write(entry.AsSpan(headLength, tailLength));
        }

        Count++;
    }

    /// <summary>The page's bytes, valid until the page is cleared.</summary>
    public ReadOnlyMemory<byte> Bytes => _bytes.WrittenMemory;

    /// <summary>Empties the page for the next batch.</summary>
    public void Clear()
    {
        _bytes.ResetWrittenCount();
        _bytes.Write([Format]);
        _tails.Clear();
        Count = 0;
        (Oldest, Newest) = (0, 0);
    }

    /// <summary>The entries of a page, each exactly as it was added; none for bytes of another format.</summary>
    public static List<byte[]> Read(ReadOnlySpan<byte> page)
    {
        var entries = new List<byte[]>();
        if (page.IsEmpty || page[0] != Format)
        {
            return entries;
        }

        var tails = new List<(int Start, int Length)>();
        var at = 1;
        while (at + 8 <= page.Length)
        {
            var headLength = BinaryPrimitives.ReadInt32LittleEndian(page[at..]);
            var head = page.Slice(at + 4, headLength);
            at += 4 + headLength;
            var reference = BinaryPrimitives.ReadInt32LittleEndian(page[at..]);
            at += 4;
            (int Start, int Length) tail;
            if (reference < 0)
            {
                tail = (at + 4, BinaryPrimitives.ReadInt32LittleEndian(page[at..]));
                tails.Add(tail);
                at += 4 + tail.Length;
            }
            else
            {
                tail = tails[reference];
            }

            var entry = new byte[headLength + tail.Length + 4];
            head.CopyTo(entry);
            page.Slice(tail.Start, tail.Length).CopyTo(entry.AsSpan(headLength));
            BinaryPrimitives.WriteInt32LittleEndian(entry.AsSpan(headLength + tail.Length), tail.Length);
            entries.Add(entry);
        }

        return entries;
    }

    private void Write(int value)
    {
        Span<byte> bytes = stackalloc byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(bytes, value);
        _bytes.Write(bytes);
    }

    /// <summary>A tail by its bytes (compared whole; the hash reads them once).</summary>
    private readonly struct Tail(byte[] entry, int start, int length) : IEquatable<Tail>
    {
        private readonly int _hash = Hash(entry.AsSpan(start, length));

        private ReadOnlySpan<byte> Bytes => entry.AsSpan(start, length);

        public bool Equals(Tail other) => _hash == other._hash && Bytes.SequenceEqual(other.Bytes);

        public override bool Equals(object? obj) => obj is Tail other && Equals(other);

        public override int GetHashCode() => _hash;

        private static int Hash(ReadOnlySpan<byte> bytes)
        {
            var hash = default(HashCode);
            hash.AddBytes(bytes);
            return hash.ToHashCode();
        }
    }
}
