using System.Buffers.Binary;
using FluentAssertions;
using MockAccounts.Redis;
using NUnit.Framework;

namespace MockAccounts.Server.Tests;

public sealed class JournalPageTests
{
    /// <summary>An entry shaped as the journal packs one: 17 identifying bytes, its time, more of its own, then a tail and the tail's length.</summary>
    private static byte[] Entry(byte id, string own, string tail, long time = 638_000_000_000_000_000)
    {
        var head = new byte[25 + own.Length];
        head[0] = 2;
        head[1] = id;
        BinaryPrimitives.WriteInt64LittleEndian(head.AsSpan(17), time);
        System.Text.Encoding.ASCII.GetBytes(own).CopyTo(head, 25);
        var tailBytes = System.Text.Encoding.ASCII.GetBytes(tail);
        var entry = new byte[head.Length + tailBytes.Length + 4];
        head.CopyTo(entry, 0);
        tailBytes.CopyTo(entry, head.Length);
        BinaryPrimitives.WriteInt32LittleEndian(entry.AsSpan(entry.Length - 4), tailBytes.Length);
        return entry;
    }

    [Test]
    public void A_page_reads_back_every_entry_exactly_in_order_and_holds_each_distinct_tail_once()
    {
        var cached = new string('c', 500);
        var entries = new[]
        {
            Entry(1, "first", cached), Entry(2, "second", "made for this request"), Entry(3, "third", cached), Entry(4, "", ""),
            Entry(5, "fifth", cached),
        };
        var page = new JournalPage();
        foreach (var entry in entries)
        {
            page.Add(entry);
        }

        var bytes = page.Bytes.ToArray();

        JournalPage.Read(bytes).Should().BeEquivalentTo(entries, o => o.WithStrictOrdering());
        page.Count.Should().Be(5);
        System.Text.Encoding.ASCII.GetString(bytes).Split(cached).Should().HaveCount(2, "the cached tail is kept once");
    }

    [Test]
    public void A_page_knows_its_oldest_and_newest_entrys_time_whatever_their_order()
    {
        var page = new JournalPage();
        page.Add(Entry(1, "a", "t", time: 500));
        page.Add(Entry(2, "b", "t", time: 300));
        page.Add(Entry(3, "c", "t", time: 900));

        (page.Oldest, page.Newest).Should().Be((300L, 900L));
        page.Clear();
        page.Add(Entry(4, "d", "t", time: 700));
        (page.Oldest, page.Newest).Should().Be((700L, 700L));
    }

    [Test]
    public void A_cleared_page_starts_again_and_tails_of_the_page_before_are_not_referred_to()
    {
        var page = new JournalPage();
        page.Add(Entry(1, "a", "shared"));
        page.Clear();
        page.Add(Entry(2, "b", "shared"));

        JournalPage.Read(page.Bytes.Span).Should().ContainSingle().Which.Should().Equal(Entry(2, "b", "shared"));
    }

    [Test]
    public void An_entry_that_does_not_end_with_its_tails_length_is_refused_naming_its_size()
    {
        var entry = Entry(1, "a", "tail");
        BinaryPrimitives.WriteInt32LittleEndian(entry.AsSpan(entry.Length - 4), 1000);

        new JournalPage().Invoking(p => p.Add(entry)).Should().Throw<ArgumentException>().WithMessage("A journal entry of 34 bytes does not end with its tail's length (read 1000).*");
    }

    [Test]
    public void Bytes_of_another_format_read_as_no_entries()
    {
        JournalPage.Read([1, 2, 3]).Should().BeEmpty();
        JournalPage.Read([]).Should().BeEmpty();
    }
}
