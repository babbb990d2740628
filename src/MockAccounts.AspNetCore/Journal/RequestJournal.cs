using System.Text;
using MockAccounts.Core.Runtime;

namespace MockAccounts.AspNetCore.Journal;

/// <summary>
/// The last N served requests, oldest dropped first (and counted). Each slot keeps its byte buffer
/// from one request to the next, so a journal at capacity allocates nothing that outlives the request;
/// entries are unpacked (and redacted) only when read. The lock guards array writes and copies,
/// never I/O or awaits. With a <see cref="ISharedJournal"/> (replicas sharing one store) each entry is also handed to it,
/// packed whole, and the async reads (<see cref="SnapshotAsync"/>, <see cref="RemoveAsync"/>, <see cref="ClearAsync"/>)
/// answer over every replica's entries; the synchronous ones keep answering over this replica's own.
/// </summary>
public sealed class RequestJournal
{
    private const int InitialSlots = 1024;

    /// <summary>A slot's buffer is kept for reuse up to this size; a larger entry gets a buffer of its own.</summary>
    private const int ReusedBufferLimit = 4096;

    private readonly Lock _gate = new();
    private readonly TimeProvider _time;
    private readonly JournalOptions _options;
    private readonly JournalIds _ids = new();
    private readonly Func<IReadOnlySet<string>> _credentialHeaders;
    private readonly Func<IReadOnlySet<string>> _credentialQueryParameters;
    private CredentialDigest _digest = new();
    private JournalSlot[] _slots;
    private int _next;
    private int _count;
    private long _dropped;
    private long _sequence;
    private ISharedJournal? _shared;
    private Func<Guid, Core.Mappings.StubMapping?> _stubs = static _ => null;

    /// <summary>An empty journal holding at most <see cref="JournalOptions.Capacity"/> requests.</summary>
    /// <param name="options">Capacity, body limit, and whether credentials are kept whole.</param>
    /// <param name="credentialHeaders">
    /// The headers the served contracts read credentials from, asked whenever entries are read (a reload may add
    /// some); HTTP's own (<see cref="Redaction.HttpCredentialHeaders"/>) are redacted whatever it says.
    /// </param>
    /// <param name="credentialQueryParameters">The query parameters the served contracts read credentials from (<c>apiKey</c> <c>in: query</c>).</param>
    /// <param name="time">The clock entries are dated by; default: the system's.</param>
    internal RequestJournal(
        JournalOptions options, Func<IReadOnlySet<string>>? credentialHeaders = null, Func<IReadOnlySet<string>>? credentialQueryParameters = null, TimeProvider? time = null)
    {
        _options = options;
        _time = time ?? TimeProvider.System;
        _credentialHeaders = credentialHeaders ?? (() => Redaction.HttpCredentialHeaders);
        _credentialQueryParameters = credentialQueryParameters ?? (() => NoParameters);
        _slots = new JournalSlot[Math.Min(options.Capacity, InitialSlots)];
    }

    private static readonly IReadOnlySet<string> NoParameters = new HashSet<string>();

    /// <summary>
    /// While credentials are not kept whole: which fields hold them and how they are digested, for request patterns over
    /// this journal (<see cref="Core.Mappings.RequestMatcher.Parse"/>); null when credentials are kept whole.
    /// </summary>
    public Core.Mappings.RedactedCredentials? Redacted => _options.KeepCredentials
        ? null
        : new(new HashSet<string>(_credentialHeaders().Concat(Redaction.HttpCredentialHeaders), StringComparer.OrdinalIgnoreCase),
            _credentialQueryParameters(), _digest.Of, KeepCredentialsSetting);

    /// <summary>The setting that keeps credentials whole in the journal.</summary>
    public const string KeepCredentialsSetting = MockAccountsOptions.Section + ":Journal:KeepCredentials";

    /// <summary>The most requests the journal holds (0: the journal is off).</summary>
    public int Capacity => _options.Capacity;

    /// <summary>Whether requests are recorded at all (capacity above 0).</summary>
    public bool Enabled => _options.Capacity > 0;

    /// <summary>Requests the journal holds now.</summary>
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

    /// <summary>Requests not recorded because the journal was full, since it was last cleared.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>The journal the replicas share, or null while this one is the process's own.</summary>
    public ISharedJournal? Shared => _shared;

    /// <summary>From now on entries are also written to <paramref name="shared"/>, and the async reads answer from it (set once, before serving).</summary>
    /// <param name="shared">The journal every replica writes to.</param>
    /// <param name="stubs">Finds a stub mapping by id, for entries another replica recorded.</param>
    public void Share(ISharedJournal shared, Func<Guid, Core.Mappings.StubMapping?> stubs)
    {
        ArgumentNullException.ThrowIfNull(shared);
        ArgumentNullException.ThrowIfNull(stubs);
        _shared = shared;
        _stubs = stubs;
        _digest = new CredentialDigest(shared.DigestKey);
    }

    /// <summary>Records one request once its answer has been written (or given up on).</summary>
    /// <param name="context">The request, as received.</param>
    /// <param name="outcome">What the client received, who answered, and why.</param>
    /// <param name="body">The request body as received.</param>
    public void Add(HttpContext context, in RequestOutcome outcome, ReadOnlySpan<byte> body)
    {
        if (!Enabled)
        {
            return;
        }

        var request = context.Request;
        var packed = new PackedEntry();
        try
        {
            var keep = _options.KeepCredentials;
            packed.Add(request.Path.Value ?? "/");
            var (query, shownQuery) = keep ? (request.QueryString.Value, null) : RedactedQuery(request.QueryString.Value);
            packed.Add(query);
            packed.Add(request.Host.Value);
            packed.Add(request.PathBase.Value);
            if (context.Connection.RemoteIpAddress is { } address)
            {
                packed.Add(address);
            }
            else
            {
                packed.Add(string.Empty);
            }

            if (body.Length <= _options.MaxBodyChars)
            {
                packed.Add(body);
            }
            else
            {
                // Longer in bytes may still fit in characters; only a long body pays for decoding here.
                packed.Add(Redaction.Body(Encoding.UTF8.GetString(body), _options.MaxBodyChars));
            }

            packed.AddInt(request.Headers.Count);
            var headerChars = _options.MaxHeaderChars;
            var secret = keep ? null : _credentialHeaders();
            List<KeyValuePair<int, string>>? shown = null;
            var index = 0;
            foreach (var (name, value) in request.Headers)
            {
                var text = value.Count == 1 ? value[0] ?? "" : value.ToString();
                packed.Add(name);
                if (secret is not null && (Redaction.HttpCredentialHeaders.Contains(name) || secret.Contains(name)))
                {
                    // Kept as a digest (request patterns compare digests) and as the journal shows it; never whole.
                    packed.Add(_digest.Of(text));
                    (shown ??= []).Add(KeyValuePair.Create(index, Redaction.Secret(text)));
                }
                else
                {
                    // Header values share one budget per entry: a client sending 32 KB of headers cannot make 10,000 entries 320 MB.
                    packed.Add(text.Length <= headerChars ? text : Redaction.Body(text, headerChars));
                    headerChars = Math.Max(0, headerChars - text.Length);
                }

                index++;
            }

            packed.AddInt(shown?.Count ?? 0);
            foreach (var (at, display) in shown ?? [])
            {
                packed.AddInt(at);
                packed.Add(display);
            }

            packed.Add(shownQuery);
            var requestParts = packed.Written.Length;
            packed.Add(outcome.Token);

            var response = outcome.Response;
            IReadOnlyList<KeyValuePair<string, string>>? responseHeaders = null;
            byte[]? responseBody = null;
            if (response is not null)
            {
                responseHeaders = MadeForThisRequest(response.Headers) ? null : response.Headers;
                if (responseHeaders is null)
                {
                    packed.Add(response.Headers);
                }

                // A body past the limit is kept cut whatever its generation: a large one goes straight to the large object heap.
                responseBody = response.Body.Length > _options.MaxBodyChars || MadeForThisRequest(response.Body) ? null : response.Body;
                if (responseBody is null)
                {
                    if (response.Body.Length <= _options.MaxBodyChars)
                    {
                        packed.Add(response.Body);
                    }
                    else
                    {
                        // A rendered template may be large: the journal keeps what it shows, as for request bodies.
                        packed.Add(Redaction.Body(Encoding.UTF8.GetString(response.Body), _options.MaxBodyChars));
                    }
                }
            }

            var info = new JournalSlot.Fixed(
                _time.GetUtcNow().UtcTicks, request.Method, request.Scheme, request.Protocol, outcome with { Token = null, Response = null },
                response is not null, responseHeaders, responseBody);
            var sequence = Interlocked.Increment(ref _sequence);
            Store(info, packed.Written, sequence);
            _shared?.Append(SharedEntry.Pack(
                _ids.For(sequence), info, packed.Written[..requestParts], keep || outcome.Token is null ? outcome.Token : Redaction.Secret(outcome.Token), response));
        }
        finally
        {
            packed.Return();
        }
    }

    /// <summary>
    /// Whether <paramref name="part"/> of a response is still in the youngest generation, which is where
    /// whatever was made for this request alone is (a new token's body, a rendered template). The journal
    /// copies such a part rather than be the only thing that keeps it alive until it dies in gen2; a part the
    /// GC has promoted (a cached response, a stub's bytes) outlives the request anyway and is shared.
    /// A cached part not yet promoted is copied too, which costs only the copy.
    /// </summary>
    private static bool MadeForThisRequest(object part) => part is not byte[] { Length: 0 } && GC.GetGeneration(part) == 0;

    private void Store(in JournalSlot.Fixed info, ReadOnlySpan<byte> packed, long sequence)
    {
        lock (_gate)
        {
            if (_count == _options.Capacity)
            {
                _dropped++;
            }
            else
            {
                _count++;
                if (_next == _slots.Length)
                {
                    Array.Resize(ref _slots, Math.Min(_options.Capacity, _slots.Length * 2));
                }
            }

            ref var slot = ref _slots[_next];
            if (slot.Packed is null || slot.Packed.Length < packed.Length || slot.Packed.Length > ReusedBufferLimit)
            {
                slot.Packed = new byte[Math.Max(packed.Length, 512)];
            }

            packed.CopyTo(slot.Packed);
            slot.PackedLength = packed.Length;
            slot.Sequence = sequence;
            slot.Info = info;
            _next = (_next + 1) % _options.Capacity;
        }
    }

    /// <summary>Newest first, as WireMock lists them.</summary>
    public IReadOnlyList<JournalEntry> Snapshot()
    {
        var secret = _credentialHeaders();
        lock (_gate)
        {
            var entries = new JournalEntry[_count];
            for (var i = 0; i < _count; i++)
            {
                entries[i] = Unpack(_slots[SlotIndex(_count - 1 - i)], secret);
            }

            return entries;
        }
    }

    /// <summary>Every replica's entries when the journal is shared (each replica's queued ones written first), else this one's; newest first.</summary>
    /// <param name="cancellationToken">Stops reading.</param>
    public async Task<IReadOnlyList<JournalEntry>> SnapshotAsync(CancellationToken cancellationToken = default)
    {
        if (_shared is not { } shared)
        {
            return Snapshot();
        }

        return [.. (await ReadSharedAsync(shared, cancellationToken).ConfigureAwait(false)).Select(e => e.Entry)];
    }

    /// <summary>
    /// The entries, newest first, and the counts beside them, from one look: when the journal is shared, every replica's
    /// queue is written once (<see cref="SnapshotAsync"/> and <see cref="CountsAsync"/> one after the other would ask twice).
    /// </summary>
    /// <param name="cancellationToken">Stops reading.</param>
    public async Task<(IReadOnlyList<JournalEntry> Entries, int Count, long Dropped)> SnapshotWithCountsAsync(CancellationToken cancellationToken = default)
    {
        if (_shared is not { } shared)
        {
            var entries = Snapshot();
            return (entries, entries.Count, Dropped);
        }

        var read = await ReadSharedAsync(shared, cancellationToken).ConfigureAwait(false);
        var (_, dropped) = await shared.CountsAsync(cancellationToken).ConfigureAwait(false);
        return ([.. read.Select(e => e.Entry)], read.Length, dropped);
    }

    /// <summary>Removes the entries that match, over every replica's when the journal is shared; returns the removed ones.</summary>
    /// <param name="match">Which entries go.</param>
    /// <param name="cancellationToken">Stops removing.</param>
    public async Task<IReadOnlyList<JournalEntry>> RemoveAsync(Func<JournalEntry, bool> match, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(match);
        if (_shared is not { } shared)
        {
            return Remove(match);
        }

        var removed = (await ReadSharedAsync(shared, cancellationToken).ConfigureAwait(false)).Where(e => match(e.Entry)).ToArray();
        if (removed.Length > 0)
        {
            await shared.RemoveAsync([.. removed.Select(e => e.Packed)], cancellationToken).ConfigureAwait(false);
            var ids = removed.Select(e => e.Entry.Id).ToHashSet();
            Remove(e => ids.Contains(e.Id));
        }

        return [.. removed.Select(e => e.Entry)];
    }

    /// <summary>Forgets every request, every replica's when the journal is shared (what they have queued included).</summary>
    /// <param name="cancellationToken">Stops clearing.</param>
    public async Task ClearAsync(CancellationToken cancellationToken = default)
    {
        if (_shared is { } shared)
        {
            await shared.FlushAllAsync(cancellationToken).ConfigureAwait(false);
            await shared.ClearAsync(cancellationToken).ConfigureAwait(false);
        }

        Clear();
    }

    /// <summary>Requests held and requests dropped at capacity: over every replica's when the journal is shared.</summary>
    /// <param name="cancellationToken">Stops asking.</param>
    public async Task<(int Count, long Dropped)> CountsAsync(CancellationToken cancellationToken = default)
    {
        if (_shared is not { } shared)
        {
            return (Count, Dropped);
        }

        await shared.FlushAllAsync(cancellationToken).ConfigureAwait(false);
        return await shared.CountsAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Removes the entries that match, keeping the others in order; returns the removed ones.</summary>
    public IReadOnlyList<JournalEntry> Remove(Func<JournalEntry, bool> match)
    {
        var secret = _credentialHeaders();
        lock (_gate)
        {
            var used = new bool[_slots.Length];
            var kept = new List<JournalSlot>(_count);
            var spare = new List<JournalSlot>();
            var removed = new List<JournalEntry>();
            for (var age = 0; age < _count; age++)
            {
                var index = SlotIndex(age);
                used[index] = true;
                var slot = _slots[index];
                var entry = Unpack(slot, secret);
                if (match(entry))
                {
                    removed.Add(entry);
                    spare.Add(slot with { Info = default });
                }
                else
                {
                    kept.Add(slot);
                }
            }

            if (removed.Count == 0)
            {
                return removed;
            }

            // Kept entries move to the front in order; every slot's buffer stays in the ring for reuse.
            var unused = Enumerable.Range(0, _slots.Length).Where(i => !used[i]).Select(i => _slots[i]);
            var reordered = kept.Concat(spare).Concat(unused).ToArray();
            reordered.CopyTo(_slots, 0);
            _count = kept.Count;
            _next = _count;
            return removed;
        }
    }

    /// <summary>Forgets every request and resets <see cref="Dropped"/>.</summary>
    public void Clear()
    {
        lock (_gate)
        {
            for (var i = 0; i < _slots.Length; i++)
            {
                _slots[i].Info = default;
            }

            _next = 0;
            _count = 0;
            _dropped = 0;
        }
    }

    /// <summary>Every replica's entries, newest first (by the time each was recorded), each with the bytes the store holds.</summary>
    private async Task<(JournalEntry Entry, byte[] Packed)[]> ReadSharedAsync(ISharedJournal shared, CancellationToken cancellationToken)
    {
        await shared.FlushAllAsync(cancellationToken).ConfigureAwait(false);
        var (stored, oldestDropped) = await shared.ReadAsync(cancellationToken).ConfigureAwait(false);
        var secret = _credentialHeaders();
        var entries = new List<(JournalEntry, byte[])>(stored.Count);
        foreach (var packed in stored)
        {
            if (SharedEntry.Unpack(packed, _stubs) is { } unpacked)
            {
                var reader = new PackedEntry.Reader(packed.AsSpan(unpacked.Offset));
                entries.Add((Unpack(unpacked.Id, unpacked.Info, ref reader, secret), packed));
            }
        }

        // Replicas write in batches, so the store's order is not quite the requests': the dropped are the oldest by time.
        return [.. entries.OrderBy(e => e.Item1.LoggedAt).ThenBy(e => e.Item1.Id).Skip(oldestDropped).Reverse()];
    }

    /// <summary>The slot of the entry <paramref name="age"/> places after the oldest.</summary>
    private int SlotIndex(int age) => (_next - _count + age + 2 * _slots.Length) % _slots.Length;

    private JournalEntry Unpack(in JournalSlot slot, IReadOnlySet<string> secret)
    {
        var reader = new PackedEntry.Reader(slot.Packed.AsSpan(0, slot.PackedLength));
        return Unpack(_ids.For(slot.Sequence), slot.Info, ref reader, secret);
    }

    private JournalEntry Unpack(Guid id, in JournalSlot.Fixed info, ref PackedEntry.Reader reader, IReadOnlySet<string> secret)
    {
        var path = reader.ReadString()!;
        var query = reader.ReadString() ?? "";
        var host = new HostString(reader.ReadString()!);
        var pathBase = new PathString(reader.ReadString());
        var clientIp = reader.ReadString()!;
        var body = reader.ReadString()!;
        var headers = reader.ReadPairs();
        var shown = new KeyValuePair<int, string>[reader.ReadInt()];
        for (var i = 0; i < shown.Length; i++)
        {
            shown[i] = KeyValuePair.Create(reader.ReadInt(), reader.ReadString()!);
        }

        var shownQuery = reader.ReadString() ?? query;
        var token = reader.ReadString();

        var responseHeaders = info.ResponseHeaders;
        var responseBody = info.ResponseBody;
        if (info.Answered && responseHeaders is null)
        {
            responseHeaders = reader.ReadPairs();
        }

        if (info.Answered && responseBody is null)
        {
            responseBody = reader.ReadBytes();
        }

        var keep = _options.KeepCredentials;
        var outcome = info.Outcome;
        return new JournalEntry(
            id,
            new DateTimeOffset(info.Ticks, TimeSpan.Zero),
            info.Method,
            path + query,
            path,
            $"{info.Scheme}://{host}{pathBase}{new PathString(path)}{shownQuery}",
            info.Protocol,
            clientIp,
            headers,
            body,
            outcome.Status,
            responseHeaders ?? [],
            responseBody ?? [],
            outcome.Vendor,
            outcome.Variant,
            outcome.Scenario,
            token,
            info.Answered,
            outcome.ElapsedMs)
        {
            Stub = outcome.Stub,
            ScenarioSource = outcome.ScenarioSource,
            Fault = outcome.Fault,
            Outcome = outcome.Outcome,
            DisplayToken = token is not null && !keep ? Redaction.Secret(token) : token,
            DisplayHeaders = keep ? headers : Shown(headers, shown, secret),
            DisplayUrl = path + shownQuery,
        };
    }

    /// <summary>The headers as the admin API shows them: digested ones as recorded, and any a reload has since made credentials redacted too.</summary>
    private static KeyValuePair<string, string>[] Shown(KeyValuePair<string, string>[] headers, KeyValuePair<int, string>[] shown, IReadOnlySet<string> secret)
    {
        var display = Redaction.Headers(headers, secret).ToArray();
        foreach (var (at, value) in shown)
        {
            display[at] = KeyValuePair.Create(headers[at].Key, value);
        }

        return display;
    }

    /// <summary>
    /// The query as matched (each credential parameter's value a digest) and as shown (each redacted); the shown one is
    /// null when the query holds no credential, which is every request unless a contract reads a key from the query.
    /// </summary>
    private (string? Matched, string? Shown) RedactedQuery(string? query)
    {
        var parameters = _credentialQueryParameters();
        if (parameters.Count == 0 || string.IsNullOrEmpty(query))
        {
            return (query, null);
        }

        var matched = new StringBuilder();
        var shown = new StringBuilder();
        var any = false;
        foreach (var pair in query.TrimStart('?').Split('&'))
        {
            var separator = matched.Length == 0 ? "?" : "&";
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            var name = Uri.UnescapeDataString((equals < 0 ? pair : pair[..equals]).Replace('+', ' '));
            if (equals < 0 || !parameters.Contains(name))
            {
                matched.Append(separator).Append(pair);
                shown.Append(separator).Append(pair);
                continue;
            }

            var value = Uri.UnescapeDataString(pair[(equals + 1)..].Replace('+', ' '));
            matched.Append(separator).Append(pair, 0, equals + 1).Append(Uri.EscapeDataString(_digest.Of(value)));
            shown.Append(separator).Append(pair, 0, equals + 1).Append(Uri.EscapeDataString(Redaction.Secret(value)));
            any = true;
        }

        return any ? (matched.ToString(), shown.ToString()) : (query, null);
    }
}
