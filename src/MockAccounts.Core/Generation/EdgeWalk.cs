namespace MockAccounts.Core.Generation;

/// <summary>
/// Which option each field takes on request <c>n</c> of a token under <see cref="Variation.Edges"/>.
/// A field with <c>k</c> options cycles through them with a prime period <c>p ≥ k</c> (from an offset
/// fixed per token and field). The periods along a field's enclosing objects and the fields its
/// <c>when</c> hints read are distinct primes, so by the Chinese remainder theorem every combination
/// (parent present, condition met, this field null) comes round within the product of those periods:
/// coverage is bounded and guaranteed, not left to chance.
/// </summary>
internal sealed class EdgeWalk
{
    private static readonly int[] Primes = [2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41, 43, 47, 53, 59, 61, 67, 71, 73, 79, 83, 89, 97];

    private readonly ulong _seed;
    private readonly long _request;
    private readonly Dictionary<string, int> _periods = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int[]> _dependencies = new(StringComparer.Ordinal);

    public EdgeWalk(ulong seed, long request)
    {
        _seed = seed;
        _request = request;
    }

    /// <param name="mostOptions">The field's option count over every branch of its hints (fixes its period).</param>
    /// <param name="options">The options this request actually has.</param>
    /// <param name="conditions">Pointers of the fields its <c>when</c> hints read.</param>
    /// <param name="pointer">The JSON pointer of the field being chosen for.</param>
    public int Choose(string pointer, int mostOptions, int options, IReadOnlyList<string> conditions)
    {
        var taken = new HashSet<int>(pointer.Length == 0 ? [] : Inherited(Json.JsonPointer.SplitLast(pointer).Parent));
        foreach (var condition in conditions)
        {
            taken.UnionWith(Inherited(condition));
        }

        _dependencies[pointer] = [.. taken];
        if (options <= 1)
        {
            return 0;
        }

        var period = Primes.FirstOrDefault(p => p >= mostOptions && !taken.Contains(p));
        if (period == 0)
        {
            period = Primes.First(p => p >= mostOptions);
        }

        _periods[pointer] = period;
        var offset = (long)(FieldSeed.ForField(_seed, pointer) % (ulong)period);
        return (int)((_request + offset) % period % options);
    }

    /// <summary>The periods a field under <paramref name="pointer"/> must avoid: its own and what it depends on.</summary>
    private IEnumerable<int> Inherited(string pointer)
    {
        var own = _periods.TryGetValue(pointer, out var period) ? [period] : Array.Empty<int>();
        return _dependencies.TryGetValue(pointer, out var inherited) ? own.Concat(inherited) : own;
    }
}
