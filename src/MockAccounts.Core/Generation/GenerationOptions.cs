namespace MockAccounts.Core.Generation;

/// <summary>
/// What makes generated bodies reproducible: the seed, and the moment relative dates count from
/// (fixed for a server's lifetime so a token's body never drifts between requests).
/// </summary>
public sealed record GenerationOptions(int Seed, DateTimeOffset ReferenceTime)
{
    /// <summary>The seed used when none is configured, so bodies match across machines and runs.</summary>
    public const int DefaultSeed = 20261122;

    /// <summary>Dates count from today's midnight (UTC), so bodies stay stable all day.</summary>
    /// <param name="seed">The seed.</param>
    /// <param name="time">The clock "today" is read from; default: the system's.</param>
    public static GenerationOptions StartingToday(int seed = DefaultSeed, TimeProvider? time = null) =>
        new(seed, new DateTimeOffset((time ?? TimeProvider.System).GetUtcNow().UtcDateTime.Date, TimeSpan.Zero));
}
