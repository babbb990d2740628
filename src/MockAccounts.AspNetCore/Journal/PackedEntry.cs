using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace MockAccounts.AspNetCore.Journal;

/// <summary>
/// The per-request parts of a journal entry (path, query, host, client address, token, body and
/// headers, and a response made for this request alone) as length-prefixed UTF-8 in one byte buffer.
/// A full journal then holds a fixed set of long-lived byte arrays that are rewritten in place, instead
/// of a dozen new objects per request that lived just long enough to reach gen2 and die there; those
/// full collections set the p99.
/// </summary>
internal sealed class PackedEntry
{
    private byte[] _buffer;
    private int _length;

    public PackedEntry(int initialCapacity = 2048) => _buffer = ArrayPool<byte>.Shared.Rent(initialCapacity);

    public ReadOnlySpan<byte> Written => _buffer.AsSpan(0, _length);

    /// <summary>Gives the rented buffer back; the packer must not be used afterwards.</summary>
    public void Return()
    {
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = [];
    }

    public void Add(string? text)
    {
        if (text is null)
        {
            AddInt(-1);
            return;
        }

        Ensure(4 + Encoding.UTF8.GetMaxByteCount(text.Length));
        var written = Encoding.UTF8.GetBytes(text, _buffer.AsSpan(_length + 4));
        BinaryPrimitives.WriteInt32LittleEndian(_buffer.AsSpan(_length), written);
        _length += 4 + written;
    }

    public void Add(ReadOnlySpan<byte> utf8)
    {
        Ensure(4 + utf8.Length);
        BinaryPrimitives.WriteInt32LittleEndian(_buffer.AsSpan(_length), utf8.Length);
        utf8.CopyTo(_buffer.AsSpan(_length + 4));
        _length += 4 + utf8.Length;
    }

    /// <summary>Anything that formats itself as UTF-8 (an IP address) without an intermediate string.</summary>
    public void Add<T>(T value)
        where T : IUtf8SpanFormattable
    {
        Ensure(4 + 64);
        if (!value.TryFormat(_buffer.AsSpan(_length + 4), out var written, default, null))
        {
            Add(value.ToString());
            return;
        }

        BinaryPrimitives.WriteInt32LittleEndian(_buffer.AsSpan(_length), written);
        _length += 4 + written;
    }

    /// <summary>Name-value pairs (headers), read back by <see cref="Reader.ReadPairs"/>.</summary>
    public void Add(IReadOnlyList<KeyValuePair<string, string>> pairs)
    {
        AddInt(pairs.Count);
        foreach (var (name, value) in pairs)
        {
            Add(name);
            Add(value);
        }
    }

    public void AddLong(long value)
    {
        Ensure(8);
        BinaryPrimitives.WriteInt64LittleEndian(_buffer.AsSpan(_length), value);
        _length += 8;
    }

    /// <summary>Bytes written as they are, without a length: another packer's output, read on by the same reader.</summary>
    public void AddRaw(ReadOnlySpan<byte> bytes)
    {
        Ensure(bytes.Length);
        bytes.CopyTo(_buffer.AsSpan(_length));
        _length += bytes.Length;
    }

    public void AddInt(int value)
    {
        Ensure(4);
        BinaryPrimitives.WriteInt32LittleEndian(_buffer.AsSpan(_length), value);
        _length += 4;
    }

    private void Ensure(int more)
    {
        if (_length + more <= _buffer.Length)
        {
            return;
        }

        var larger = ArrayPool<byte>.Shared.Rent(Math.Max(_buffer.Length * 2, _length + more));
        _buffer.AsSpan(0, _length).CopyTo(larger);
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = larger;
    }

    /// <summary>Reads back, in the order written.</summary>
    public ref struct Reader(ReadOnlySpan<byte> packed)
    {
        private ReadOnlySpan<byte> _rest = packed;

        /// <summary>How many bytes are left to read.</summary>
        public readonly int Remaining => _rest.Length;

        public long ReadLong()
        {
            var value = BinaryPrimitives.ReadInt64LittleEndian(_rest);
            _rest = _rest[8..];
            return value;
        }

        public int ReadInt()
        {
            var value = BinaryPrimitives.ReadInt32LittleEndian(_rest);
            _rest = _rest[4..];
            return value;
        }

        /// <summary>A count, then that many name-value pairs: headers, as the request's or the response's were packed.</summary>
        public KeyValuePair<string, string>[] ReadPairs()
        {
            var pairs = new KeyValuePair<string, string>[ReadInt()];
            for (var i = 0; i < pairs.Length; i++)
            {
                pairs[i] = new(ReadString()!, ReadString()!);
            }

            return pairs;
        }

        public byte[] ReadBytes()
        {
            var length = ReadInt();
            var bytes = _rest[..length].ToArray();
            _rest = _rest[length..];
            return bytes;
        }

        public string? ReadString()
        {
            var length = ReadInt();
            if (length < 0)
            {
                return null;
            }

            var text = Encoding.UTF8.GetString(_rest[..length]);
            _rest = _rest[length..];
            return text;
        }
    }
}
