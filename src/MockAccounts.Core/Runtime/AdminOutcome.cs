using MockAccounts.Core.Responses;

namespace MockAccounts.Core.Runtime;

/// <summary>What an admin use-case gives: its value, or the problem that stopped it (nothing changed then).</summary>
/// <typeparam name="T">What the use-case gives when it succeeds.</typeparam>
/// <param name="Value">What the use-case gave, or null when it was refused.</param>
/// <param name="Problem">Why it was refused, or null when it succeeded.</param>
public sealed record AdminOutcome<T>(T? Value, Problem? Problem)
    where T : class
{
    /// <summary>A use-case that succeeded with <paramref name="value"/>.</summary>
    /// <param name="value">What the use-case gives.</param>
    public static implicit operator AdminOutcome<T>(T value) => new(value, null);

    /// <summary>A use-case refused with <paramref name="problem"/>.</summary>
    /// <param name="problem">Why nothing changed.</param>
    public static implicit operator AdminOutcome<T>(Problem problem) => new(null, problem);
}
