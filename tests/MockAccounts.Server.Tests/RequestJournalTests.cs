using System.Runtime.CompilerServices;
using System.Text;
using FluentAssertions;
using Microsoft.AspNetCore.Http;
using MockAccounts.AspNetCore;
using MockAccounts.AspNetCore.Hosting;
using MockAccounts.AspNetCore.Journal;
using MockAccounts.Core.Http;
using MockAccounts.Core.Responses;
using NUnit.Framework;

namespace MockAccounts.Server.Tests;

/// <summary>The journal ring on its own: wrap-around, growth, removal and what an entry reads back as.</summary>
public sealed class RequestJournalTests
{
    [Test]
    public void A_full_journal_keeps_the_newest_entries_in_order_and_counts_the_dropped()
    {
        var journal = new RequestJournal(new JournalOptions { Capacity = 1500 });

        for (var i = 0; i < 4000; i++)
        {
            Add(journal, $"/r/{i}");
        }

        var entries = journal.Snapshot();
        entries.Should().HaveCount(1500);
        entries[0].Path.Should().Be("/r/3999");
        entries[^1].Path.Should().Be("/r/2500");
        entries.Select(e => e.Id).Should().OnlyHaveUniqueItems();
        journal.Dropped.Should().Be(2500);
    }

    [Test]
    public void Entries_are_dated_by_the_journals_clock()
    {
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2031, 3, 4, 5, 6, 7, TimeSpan.Zero));
        var journal = new RequestJournal(new JournalOptions(), time: clock);

        Add(journal, "/first");
        clock.Advance(TimeSpan.FromMinutes(90));
        Add(journal, "/second");

        journal.Snapshot().Select(e => (e.Path, e.LoggedAt)).Should().Equal(
            ("/second", new DateTimeOffset(2031, 3, 4, 6, 36, 7, TimeSpan.Zero)),
            ("/first", new DateTimeOffset(2031, 3, 4, 5, 6, 7, TimeSpan.Zero)));
    }

    [Test]
    public void Removing_keeps_the_others_in_order_and_later_entries_follow_them()
    {
        var journal = new RequestJournal(new JournalOptions { Capacity = 5 });
        for (var i = 0; i < 7; i++)
        {
            Add(journal, $"/r/{i}");
        }

        var removed = journal.Remove(e => e.Path is "/r/3" or "/r/5");
        Add(journal, "/r/7");
        Add(journal, "/r/8");
        Add(journal, "/r/9");

        removed.Select(e => e.Path).Should().Equal("/r/3", "/r/5");
        journal.Snapshot().Select(e => e.Path).Should().Equal("/r/9", "/r/8", "/r/7", "/r/6", "/r/4");
        journal.Count.Should().Be(5);
    }

    [Test]
    public void An_entry_reads_back_what_was_sent_shows_credentials_redacted_and_keeps_a_stable_id()
    {
        var journal = new RequestJournal(new JournalOptions { MaxBodyChars = 10 });
        var context = Request("/v1/accounts/me", "{\"name\":\"ünïcode body\"}");
        context.Request.QueryString = new QueryString("?a=1");
        context.Request.Headers.Authorization = "Bearer secret-token-wxyz";
        context.Request.Headers["X-Trace"] = new(["one", "two"]);

        journal.Add(context, new RequestOutcome(404, Outcomes.NotMatched, 1.5), Encoding.UTF8.GetBytes("{\"name\":\"ünïcode body\"}"));

        var entry = journal.Snapshot().Should().ContainSingle().Subject;
        entry.Url.Should().Be("/v1/accounts/me?a=1");
        entry.AbsoluteUrl.Should().Be("http://mock.test/v1/accounts/me?a=1");
        entry.RequestHeader("Authorization").Should().StartWith("digest:", "patterns match a credential only digest to digest; the journal keeps no credential whole")
            .And.Be(journal.Redacted!.Digest("Bearer secret-token-wxyz"));
        entry.RequestHeaders.Select(h => h.Value).Should().NotContain(v => v.Contains("secret-token", StringComparison.Ordinal));
        entry.DisplayHeaders.Should().Contain(new KeyValuePair<string, string>("Authorization", "Bearer ****wxyz"));
        entry.DisplayHeaders.Select(h => h.Value).Should().NotContain(v => v.Contains("secret-token", StringComparison.Ordinal));
        entry.RequestHeader("X-Trace").Should().Be("one,two");
        entry.RequestBody.Should().StartWith("{\"name\":\"ü").And.Contain("more characters not kept");
        entry.Status.Should().Be(404);
        entry.WasMatched.Should().BeFalse();
        journal.Snapshot()[0].Id.Should().Be(entry.Id);
    }

    [Test]
    public void Clearing_empties_the_journal_and_new_entries_get_new_ids()
    {
        var journal = new RequestJournal(new JournalOptions { Capacity = 3 });
        Add(journal, "/a");
        var first = journal.Snapshot()[0].Id;

        journal.Clear();
        Add(journal, "/a");

        journal.Snapshot().Should().ContainSingle().Which.Id.Should().NotBe(first);
        journal.Dropped.Should().Be(0);
    }

    [Test]
    [NonParallelizable]
    public void A_response_made_for_its_request_is_copied_and_one_that_outlives_it_is_shared()
    {
        var journal = new RequestJournal(new JournalOptions { Capacity = 4 });

        // No collection may promote the new response between its making and its journaling: that is the case under test.
        GC.TryStartNoGCRegion(16 << 20).Should().BeTrue();
        WeakReference made;
        try
        {
            made = AddAnswered(journal, "/made", "made");
        }
        finally
        {
            GC.EndNoGCRegion();
        }

        var cached = Response("cached");
        GC.Collect();
        journal.Add(Request("/cached", ""), new RequestOutcome(200, Outcomes.Sent, 0.1) { Response = cached }, []);
        GC.Collect();

        made.IsAlive.Should().BeFalse("the journal keeps a copy, not the response made for one request");
        var entries = journal.Snapshot();
        entries[1].Path.Should().Be("/made");
        entries[1].ResponseBody.Should().Be("{\"kind\":\"made\"}");
        entries[1].ResponseHeaders.Should().Equal(Response("made").Headers);
        entries[1].WasMatched.Should().BeTrue();
        entries[0].ResponseBytes.Should().BeSameAs(cached.Body, "a response that outlives its request is shared, not copied");
        entries[0].ResponseHeaders.Should().BeSameAs(cached.Headers);
    }

    [Test]
    public void An_answer_with_no_body_and_a_request_with_no_answer_read_back_as_such()
    {
        var journal = new RequestJournal(new JournalOptions { Capacity = 4 });
        journal.Add(Request("/empty", ""), new RequestOutcome(204, Outcomes.Sent, 0.1) { Response = new(204, [new("Retry-After", "3")], []) }, []);
        Add(journal, "/none");

        var entries = journal.Snapshot();
        entries[1].ResponseBytes.Should().BeEmpty();
        entries[1].ResponseHeaders.Should().Equal([new KeyValuePair<string, string>("Retry-After", "3")]);
        entries[1].WasMatched.Should().BeTrue();
        entries[0].ResponseBytes.Should().BeEmpty();
        entries[0].ResponseHeaders.Should().BeEmpty();
        entries[0].WasMatched.Should().BeFalse();
    }

    [Test]
    public void An_entry_keeps_header_values_within_one_budget_and_a_large_response_made_for_it_cut()
    {
        var journal = new RequestJournal(new JournalOptions { MaxBodyChars = 100, MaxHeaderChars = 1000, KeepCredentials = true });
        var context = Request("/big", "");
        context.Request.Headers["X-First"] = new string('a', 600);
        context.Request.Headers["X-Second"] = new string('b', 30 * 1024);
        context.Request.Headers["X-Third"] = "c";
        var rendered = new MockResponse(200, [], Encoding.UTF8.GetBytes(new string('r', 1_000_000)));

        journal.Add(context, new RequestOutcome(200, Outcomes.Sent, 0.1) { Response = rendered }, []);

        var entry = journal.Snapshot().Single();
        entry.RequestHeader("X-First").Should().Be(new string('a', 600));
        entry.RequestHeader("X-Second").Should().MatchRegex("^b{300,400}…\\([0-9]+ more characters not kept\\)$");
        entry.RequestHeader("X-Third").Should().Be("…(1 more characters not kept)");
        entry.RequestHeaders.Sum(h => h.Value.Split('…')[0].Length).Should().Be(1000, "values share the budget until it is spent");
        entry.ResponseBody.Length.Should().Be(100 + "…(999900 more characters not kept)".Length);
        entry.ResponseBody[100..].Should().Be("…(999900 more characters not kept)");
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static WeakReference AddAnswered(RequestJournal journal, string path, string kind)
    {
        var response = Response(kind);
        journal.Add(Request(path, ""), new RequestOutcome(200, Outcomes.Sent, 0.1) { Response = response }, []);
        return new WeakReference(response.Body);
    }

    private static MockResponse Response(string kind) =>
        new(200, [new("Content-Type", "application/json"), new("X-Kind", kind)], Encoding.UTF8.GetBytes($"{{\"kind\":\"{kind}\"}}"));

    private static void Add(RequestJournal journal, string path) =>
        journal.Add(Request(path, ""), new RequestOutcome(404, Outcomes.NotMatched, 0.1), []);

    private static DefaultHttpContext Request(string path, string body)
    {
        var context = new DefaultHttpContext();
        context.Request.Method = "GET";
        context.Request.Scheme = "http";
        context.Request.Host = new HostString("mock.test");
        context.Request.Path = path;
        context.Request.Protocol = "HTTP/1.1";
        context.Request.ContentLength = Encoding.UTF8.GetByteCount(body);
        return context;
    }
}
