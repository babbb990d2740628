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
