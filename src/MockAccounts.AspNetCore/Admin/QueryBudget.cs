using MockAccounts.Core.Mappings;
using MockAccounts.Core.Responses;

namespace MockAccounts.AspNetCore.Admin;

/// <summary>One admin query's matching budget (<c>MockAccounts:Mappings:QueryBudget</c>), and the problem when it is spent.</summary>
internal static class QueryBudget
{
    public const string Setting = MockAccountsOptions.Section + ":Mappings:QueryBudget";

    public static MatchBudget For(HttpContext context, MockAccountsOptions options, TimeProvider time) =>
        new(options.Mappings.QueryBudget, Setting, time, context.RequestAborted);

    /// <summary>The answer when the query could not be finished in time: nothing was found, counted or removed.</summary>
    public static ProblemResult Spent(MatchBudgetSpentException e, string what) =>
        new(new Problem(StatusCodes.Status422UnprocessableEntity, "Matching budget spent",
            $"{what} took longer than {e.Budget.Setting} ({e.Budget.Allowance.TotalMilliseconds:0.###} ms) allows; nothing was changed. " +
            "A regular expression or JSONPath in the pattern is too slow over these entries: narrow it, or raise the setting.")
            .With("setting", e.Budget.Setting).With("budgetMilliseconds", e.Budget.Allowance.TotalMilliseconds));
}
