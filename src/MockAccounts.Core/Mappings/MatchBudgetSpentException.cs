namespace MockAccounts.Core.Mappings;

/// <summary>Matching took all of its <see cref="MatchBudget"/>: the request cannot be decided, so it is answered with an error rather than a guess.</summary>
public sealed class MatchBudgetSpentException : Exception
{
    /// <summary>The budget that was spent.</summary>
    /// <param name="budget">The budget.</param>
    public MatchBudgetSpentException(MatchBudget budget)
        : base($"Matching took longer than {budget.Setting} ({budget.Allowance.TotalMilliseconds:0.###} ms) allows.") => Budget = budget;

    /// <summary>The budget that was spent.</summary>
    public MatchBudget Budget { get; }
}
