using Bogus;

namespace MockAccounts.Core.Generation;

/// <summary>
/// Bogus' randomizer over <see cref="FieldRandom"/>: every generated field restarts it at the field's own
/// seed. <c>new Randomizer(seed)</c> (System.Random's seeded algorithm) costs about 3 µs to set up, a new
/// instance of this one 0.07 µs and 300 bytes, a reseed nothing.
/// </summary>
internal sealed class FieldRandomizer : Randomizer
{
    private readonly FieldRandom _random;

    public FieldRandomizer(ulong seed) => localSeed = _random = new FieldRandom(seed);

    /// <summary>This randomizer, restarted at <paramref name="seed"/> (one per thread serves every field of a body).</summary>
    public FieldRandomizer Reseed(ulong seed)
    {
        _random.Reseed(seed);
        return this;
    }
}
