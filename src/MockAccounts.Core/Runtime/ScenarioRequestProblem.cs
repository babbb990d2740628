namespace MockAccounts.Core.Runtime;

/// <summary>Why a request's own scenario ask was refused; <see cref="Subject"/> says which valid values to list.</summary>
public sealed record ScenarioRequestProblem(string Message, ScenarioRequestProblem.About Subject)
{
    /// <summary>What part of the ask was wrong.</summary>
    public enum About
    {
        /// <summary>An unknown scenario name.</summary>
        Scenario,
        /// <summary>A status no scenario answers with.</summary>
        Status,
        /// <summary>A malformed or unknown option.</summary>
        Option,
    }
}
