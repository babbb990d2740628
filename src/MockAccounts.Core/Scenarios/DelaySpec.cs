namespace MockAccounts.Core.Scenarios;

/// <summary>Milliseconds to wait before answering: fixed when <c>MinMs == MaxMs</c>.</summary>
public sealed record DelaySpec(int MinMs, int MaxMs)
{
    /// <summary>How long a <see cref="FaultKind.SlowBody"/> step without a delay of its own takes to send its body.</summary>
    public static readonly TimeSpan SlowBodyDefault = TimeSpan.FromSeconds(2);

    /// <summary>One request's wait: the fixed delay, or a draw between the bounds (both inclusive).</summary>
    /// <param name="random">The randomness a range draws from.</param>
    public TimeSpan Draw(Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        return TimeSpan.FromMilliseconds(MinMs == MaxMs ? MinMs : random.Next(MinMs, MaxMs + 1));
    }
}
