using MockAccounts.Core.Generation;

namespace MockAccounts.Core.Runtime;

/// <summary>
/// Everything the mock remembers about one token of one vendor: its bound scenario, its position in a
/// sequence, its account edits, its variation and variant, and how many varying requests it has made. One
/// token is one entry however many of these it has. Lock-free: each part is read and written atomically on
/// its own, so a request racing an admin call sees each part wholly old or wholly new.
/// </summary>
public sealed class TokenEntry
{
    // A ConcurrentDictionary node, the key, this object, the progress and the counter, roughly (64-bit).
    private const long Overhead = 192;
    private const int NoVariation = -1;

    private string? _binding;
    private string? _variant;
    private int _variation = NoVariation;
    private OverrideNode? _account;
    private long _accountBytes;
    private Progress? _progress;
    private Progress? _sharedEnd;
    private long _requestNumber;
    private long _epoch;

    /// <summary>An entry with nothing remembered yet.</summary>
    /// <param name="vendor">The vendor name.</param>
    /// <param name="token">The credential, exactly as the client sends it.</param>
    public TokenEntry(string vendor, string token)
    {
        Vendor = vendor;
        Token = token;
    }

    /// <summary>The vendor name.</summary>
    public string Vendor { get; }

    /// <summary>The credential, exactly as the client sends it.</summary>
    public string Token { get; }

    /// <summary>The scenario bound to the token, or null when it follows the vendor's.</summary>
    public string? Binding => Volatile.Read(ref _binding);

    /// <summary>The variant bound to the token, or null for the vendor's.</summary>
    public string? Variant => Volatile.Read(ref _variant);

    /// <summary>The token's own variation, or null for the vendor's.</summary>
    public Variation? Variation => Volatile.Read(ref _variation) is var v && v != NoVariation ? (Variation)v : null;

    /// <summary>The token's account edits, or null when it has none.</summary>
    public OverrideNode? Account => Volatile.Read(ref _account);

    /// <summary>
    /// An estimate of the bytes this entry holds: the token (UTF-16), the account edits, and a fixed overhead for
    /// the objects around them. Scenario, variant and vendor names are shared with the contracts and not counted.
    /// </summary>
    public long EstimatedBytes => Overhead + (2L * Token.Length) + Interlocked.Read(ref _accountBytes);

    /// <summary>The request number the token's next varying request will take, without claiming it.</summary>
    public long PeekRequestNumber => Interlocked.Read(ref _requestNumber);

    /// <summary>The version of the change that last bound the token (shared state counts its sequences from there); 0 when never bound.</summary>
    public long Epoch => Interlocked.Read(ref _epoch);

    /// <summary>Binds the token to a scenario; it starts over (sequence and request numbers back to 0).</summary>
    /// <param name="scenario">The scenario name.</param>
    public void Bind(string scenario) => Bind(scenario, Epoch + 1);

    /// <summary>Binds the token to a scenario at <paramref name="epoch"/> (the version of the change); it starts over.</summary>
    /// <param name="scenario">The scenario name.</param>
    /// <param name="epoch">The version of the binding change.</param>
    public void Bind(string scenario, long epoch)
    {
        Interlocked.Exchange(ref _epoch, epoch);
        Volatile.Write(ref _binding, scenario);
        Volatile.Write(ref _progress, null);
        Volatile.Write(ref _sharedEnd, null);
        Interlocked.Exchange(ref _requestNumber, 0);
    }

    /// <summary>Returns the token to the vendor's scenario; false when it had no binding.</summary>
    public bool Unbind() => Interlocked.Exchange(ref _binding, null) is not null;

    /// <summary>Serves the token from <paramref name="variant"/>.</summary>
    /// <param name="variant">The variant name.</param>
    public void SetVariant(string variant) => Volatile.Write(ref _variant, variant);

    /// <summary>Sets the variation of the token's bodies.</summary>
    /// <param name="variation">Realistic or edge bodies.</param>
    public void SetVariation(Variation variation) => Volatile.Write(ref _variation, (int)variation);

    /// <summary>Claims the token's next request number (for bodies that vary per request).</summary>
    public long NextRequestNumber() => Interlocked.Increment(ref _requestNumber) - 1;

    /// <summary>Claims the next position in <paramref name="scenario"/>'s sequence, counted within vendor epoch <paramref name="epoch"/>.</summary>
    /// <param name="scenario">The sequence scenario.</param>
    /// <param name="epoch">The vendor's epoch: a vendor switch starts every sequence over.</param>
    public long NextIndex(string scenario, long epoch)
    {
        while (true)
        {
            var progress = Volatile.Read(ref _progress);
            if (progress is not null && progress.Counts(scenario, epoch))
            {
                return Interlocked.Increment(ref progress.Next) - 1;
            }

            // Counting for another scenario (or before a vendor switch): start over, once, atomically.
            Interlocked.CompareExchange(ref _progress, new Progress(scenario, epoch), progress);
        }
    }

    /// <summary>The position the next request in <paramref name="scenario"/> would take, without claiming it.</summary>
    /// <param name="scenario">The sequence scenario.</param>
    /// <param name="epoch">The vendor's current epoch.</param>
    public long PeekIndex(string scenario, long epoch) =>
        Volatile.Read(ref _progress) is { } progress && progress.Counts(scenario, epoch) ? Interlocked.Read(ref progress.Next) : 0;

    /// <summary>
    /// Whether the count replicas share for <paramref name="scenario"/>'s sequence in <paramref name="epoch"/> is known to
    /// have passed the sequence's last step: counts only grow within an epoch, so every further request gets that step.
    /// </summary>
    /// <param name="scenario">The sequence scenario.</param>
    /// <param name="epoch">The shared count's epoch.</param>
    public bool SharedSequenceEnded(string scenario, long epoch) => Volatile.Read(ref _sharedEnd) is { } end && end.Counts(scenario, epoch);

    /// <summary>Remembers that the shared count of <paramref name="scenario"/>'s sequence in <paramref name="epoch"/> has passed its last step.</summary>
    /// <param name="scenario">The sequence scenario.</param>
    /// <param name="epoch">The shared count's epoch.</param>
    public void EndSharedSequence(string scenario, long epoch) => Volatile.Write(ref _sharedEnd, new Progress(scenario, epoch));

    /// <summary>Sequences start over.</summary>
    public void RestartSequence() => Volatile.Write(ref _progress, null);

    /// <summary>Layers <paramref name="edit"/> over the account edits.</summary>
    /// <param name="edit">The fields to set.</param>
    public void EditAccount(OverrideNode edit)
    {
        while (true)
        {
            var current = Volatile.Read(ref _account);
            var layered = OverrideNode.Layer(current, edit)!;
            if (ReferenceEquals(Interlocked.CompareExchange(ref _account, layered, current), current))
            {
                Interlocked.Exchange(ref _accountBytes, Weigh(layered));
                return;
            }
        }
    }

    /// <summary>Drops the account edits; false when there were none.</summary>
    public bool ClearAccount()
    {
        var had = Interlocked.Exchange(ref _account, null) is not null;
        Interlocked.Exchange(ref _accountBytes, 0);
        return had;
    }

    /// <summary>A rough size of an override tree: its names and literal values as text, and an object per node.</summary>
    private static long Weigh(OverrideNode? node) => node switch
    {
        MergeOverride merge => 64 + merge.Children.Sum(c => 48 + (2L * c.Key.Length) + Weigh(c.Value)),
        LiteralOverride literal => 48 + (2L * (literal.Value?.ToJsonString().Length ?? 4)),
        null => 0,
        _ => 64,
    };

    /// <summary>A token's position in one sequence, valid for one vendor epoch.</summary>
    private sealed class Progress(string scenario, long epoch)
    {
        public long Next;

        public bool Counts(string forScenario, long inEpoch) => scenario == forScenario && epoch == inEpoch;
    }
}
