namespace MockAccounts.Core.Mappings;

/// <summary>
/// How long a stub waits before answering: <c>fixedDelayMilliseconds</c> plus a draw from
/// <c>delayDistribution</c> (uniform between lower and upper, or lognormal around a median).
/// </summary>
public sealed record StubDelay(int FixedMs, string? Distribution = null, double First = 0, double Second = 0)
{
    /// <summary>No delay: the stub answers at once.</summary>
    public static readonly StubDelay None = new(0);

    /// <summary>Whether the stub answers without waiting.</summary>
    public bool IsNone => FixedMs == 0 && Distribution is null;

    /// <summary>How long to wait for one request: the fixed delay plus a draw from the distribution.</summary>
    /// <param name="random">The randomness the distribution draws from.</param>
    public TimeSpan Sample(Random random)
    {
        var drawn = Distribution switch
        {
            // uniform: First = lower, Second = upper (both inclusive).
            "uniform" => First + (random.NextDouble() * (Second - First)),
            // lognormal: First = median, Second = sigma; exp(sigma * N(0, 1)) scales the median.
            "lognormal" => First * Math.Exp(Second * Gaussian(random)),
            _ => 0,
        };
        return TimeSpan.FromMilliseconds(FixedMs + Math.Max(0, Math.Round(drawn)));
    }

    private static double Gaussian(Random random)
    {
        // Box-Muller: two uniform draws make one standard normal one.
        var u1 = 1.0 - random.NextDouble();
        var u2 = random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }
}
