using System.Buffers.Binary;
using MockAccounts.Core.Http;
using MockAccounts.Core.Mappings;

namespace MockAccounts.AspNetCore.Journal;

/// <summary>
/// One journal entry as replicas share it: the parts a local slot keeps as references (method, outcome, response) written
/// out, then the request's packed parts exactly as the local ring keeps them, the token as the admin API shows it (never
/// whole unless credentials are kept: the store is outside this process), then the response, its length in the last four
/// bytes (the part many entries repeat, see <see cref="ISharedJournal.Append"/>). Another replica reads it back with the
/// same reader; a stub mapping travels as its id (mappings are shared too).
/// </summary>
internal static class SharedEntry
{
    private const byte Format = 2;


    public static byte[] Pack(Guid id, in JournalSlot.Fixed info, ReadOnlySpan<byte> requestParts, string? token, MockResponse? response)
    {
        var packed = new PackedEntry(requestParts.Length + 512);
        try
        {
            Span<byte> head = stackalloc byte[ISharedJournal.EntryIdLength];
            head[0] = Format;
            id.TryWriteBytes(head[1..]);
            packed.AddRaw(head);
            packed.AddLong(info.Ticks);
            packed.Add(info.Method);
            packed.Add(info.Scheme);
            packed.Add(info.Protocol);
            var outcome = info.Outcome;
            packed.AddInt(outcome.Status);
            packed.Add(outcome.Outcome);
            packed.AddLong(BitConverter.DoubleToInt64Bits(outcome.ElapsedMs));
            packed.Add(outcome.Vendor);
            packed.Add(outcome.Variant);
            packed.Add(outcome.Scenario);
            packed.Add(outcome.ScenarioSource);
            packed.Add(outcome.Fault);
            packed.Add(outcome.Stub?.Id.ToString());
            packed.AddInt(response is null ? 0 : 1);
            packed.AddRaw(requestParts);
            packed.Add(token);
            var tail = packed.Written.Length;
            if (response is not null)
            {
                packed.Add(response.Headers);
                packed.Add(response.Body.AsSpan());
            }

            Span<byte> length = stackalloc byte[4];
            BinaryPrimitives.WriteInt32LittleEndian(length, packed.Written.Length - tail);
            packed.AddRaw(length);

            return packed.Written.ToArray();
        }
        finally
        {
            packed.Return();
        }
    }

    /// <returns>The entry's id, its fixed parts, and where its request parts begin; null for bytes of another format.</returns>
    public static (Guid Id, JournalSlot.Fixed Info, int Offset)? Unpack(byte[] packed, Func<Guid, StubMapping?> stubs)
    {
        if (packed.Length < ISharedJournal.EntryIdLength || packed[0] != Format)
        {
            return null;
        }

        var id = new Guid(packed.AsSpan(1, 16));
        var reader = new PackedEntry.Reader(packed.AsSpan(ISharedJournal.EntryIdLength));
        var ticks = reader.ReadLong();
        var method = reader.ReadString()!;
        var scheme = reader.ReadString()!;
        var protocol = reader.ReadString()!;
        var status = reader.ReadInt();
        var ending = reader.ReadString()!;
        var elapsed = BitConverter.Int64BitsToDouble(reader.ReadLong());
        var outcome = new RequestOutcome(status, ending, elapsed)
        {
            Vendor = reader.ReadString(),
            Variant = reader.ReadString(),
            Scenario = reader.ReadString(),
            ScenarioSource = reader.ReadString(),
            Fault = reader.ReadString(),
            Stub = reader.ReadString() is { } stub && Guid.TryParse(stub, out var stubId) ? stubs(stubId) : null,
        };
        var answered = reader.ReadInt() == 1;
        return (id, new JournalSlot.Fixed(ticks, method, scheme, protocol, outcome, answered, null, null), packed.Length - reader.Remaining);
    }
}
