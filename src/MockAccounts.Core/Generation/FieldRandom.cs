namespace MockAccounts.Core.Generation;

/// <summary>SplitMix64: tiny state, statistically fine for fake data, the same sequence on every platform.</summary>
internal sealed class FieldRandom(ulong seed) : Random
{
    private ulong _state = seed;

    /// <summary>
    /// Starts over at <paramref name="seed"/>: the same draws as a new instance would make, without the 56-int
    /// state array that <see cref="Random"/>'s constructor allocates for every derived instance.
    /// </summary>
    public void Reseed(ulong seed) => _state = seed;

    public override int Next() => (int)(NextUInt64() >> 33);

    public override int Next(int maxValue) => Next(0, maxValue);

    public override int Next(int minValue, int maxValue) => (int)NextInt64(minValue, maxValue);

    public override long NextInt64() => (long)(NextUInt64() >> 1);

    public override long NextInt64(long maxValue) => NextInt64(0, maxValue);

    public override long NextInt64(long minValue, long maxValue)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(minValue, maxValue);
        var range = (ulong)(maxValue - minValue);
        return range == 0 ? minValue : minValue + (long)Math.BigMul(NextUInt64(), range, out _);
    }

    public override double NextDouble() => Sample();

    public override float NextSingle() => (NextUInt64() >> 40) * (1.0f / (1U << 24));

    public override void NextBytes(byte[] buffer) => NextBytes(buffer.AsSpan());

    public override void NextBytes(Span<byte> buffer)
    {
        for (var i = 0; i < buffer.Length; i++)
        {
            buffer[i] = (byte)(NextUInt64() >> 56);
        }
    }

    protected override double Sample() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    private ulong NextUInt64()
    {
        var z = _state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
