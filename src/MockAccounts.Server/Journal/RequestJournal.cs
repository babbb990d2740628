namespace MockAccounts.Server.Journal;

/// <summary>
/// The last N served requests, oldest dropped first (and counted). The lock guards a few
/// array writes, never I/O or awaits.
/// </summary>
public sealed class RequestJournal
{
    private readonly Lock _gate = new();
    private readonly JournalEntry?[] _ring;
    private int _next;
    private int _count;
    private long _dropped;

    public RequestJournal(int capacity) => _ring = new JournalEntry?[capacity];

    public int Capacity => _ring.Length;

    public bool Enabled => _ring.Length > 0;

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _count;
            }
        }
    }

    public long Dropped => Interlocked.Read(ref _dropped);

    public void Add(JournalEntry entry)
    {
        if (!Enabled)
        {
            return;
        }

        lock (_gate)
        {
            if (_count == _ring.Length)
            {
                _dropped++;
            }
            else
            {
                _count++;
            }

            _ring[_next] = entry;
            _next = (_next + 1) % _ring.Length;
        }
    }

    /// <summary>Newest first, as WireMock lists them.</summary>
    public IReadOnlyList<JournalEntry> Snapshot()
    {
        lock (_gate)
        {
            var entries = new JournalEntry[_count];
            for (var i = 0; i < _count; i++)
            {
                entries[i] = _ring[(_next - 1 - i + _ring.Length) % _ring.Length]!;
            }

            return entries;
        }
    }

    /// <summary>Removes the entries that match, keeping the others in order; returns the removed ones.</summary>
    public IReadOnlyList<JournalEntry> Remove(Func<JournalEntry, bool> match)
    {
        lock (_gate)
        {
            var oldestFirst = Enumerable.Range(0, _count).Select(i => _ring[(_next - _count + i + _ring.Length) % _ring.Length]!).ToArray();
            var removed = oldestFirst.Where(match).ToArray();
            if (removed.Length == 0)
            {
                return removed;
            }

            var kept = oldestFirst.Except(removed).ToArray();
            Array.Clear(_ring);
            kept.CopyTo(_ring, 0);
            _count = kept.Length;
            _next = kept.Length % _ring.Length;
            return removed;
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            Array.Clear(_ring);
            _next = 0;
            _count = 0;
            _dropped = 0;
        }
    }
}
