using MockAccounts.Core.Responses;

namespace MockAccounts.WireMockNet;

/// <summary>An operation on the vendors was refused (an unknown vendor or scenario, …); nothing was changed.</summary>
public sealed class MockAccountsException : Exception
{
    /// <summary>A refusal without details.</summary>
    public MockAccountsException() { }

    /// <summary>A refusal described by <paramref name="message"/>.</summary>
    public MockAccountsException(string message) : base(message) { }

    /// <summary>A refusal caused by <paramref name="innerException"/>.</summary>
    public MockAccountsException(string message, Exception innerException) : base(message, innerException) { }

    internal MockAccountsException(Problem problem) : base(problem.Detail) => Status = problem.Status;

    /// <summary>The status MockAccounts' own admin API answers the same refusal with (400, 404).</summary>
    public int Status { get; }
}
