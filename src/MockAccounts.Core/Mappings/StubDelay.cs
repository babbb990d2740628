namespace MockAccounts.Core.Mappings;

/// <summary>
/// How long a stub waits before answering: <c>fixedDelayMilliseconds</c> plus a draw from
/// <c>delayDistribution</c> (uniform between lower and upper, or lognormal around a median), never more than
/// <see cref="MaxMilliseconds"/> in all: a lognormal draw has no upper bound of its own (<c>median·exp(sigma·Z)</c>).
/// </summary>
public sealed record StubDelay(int FixedMs, string? Distribution = null, double First = 0, double Second = 0)
{
    /// <summary>The longest a stub waits, fixed and drawn together (600 s, the bound on every delay field).</summary>
    public const int MaxMilliseconds = 600_000;

    /// <summary>No delay: the stub answers at once.</summary>
    public static readonly StubDelay None = new(0);

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
        // exp(sigma·Z) overflows to infinity for a large sigma (and 0·∞ is NaN): such a draw waits the longest allowed.
        drawn = double.IsNaN(drawn) ? 0 : Math.Clamp(drawn, 0, MaxMilliseconds);
        return TimeSpan.FromMilliseconds(Math.Min(MaxMilliseconds, FixedMs + Math.Round(drawn)));
    }

    private static double Gaussian(Random random)
    {
        // Box-Muller: two uniform draws make one standard normal one.
        var u1 = 1.0 - random.NextDouble();
        var u2 = random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }
}
