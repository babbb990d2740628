
namespace MockAccounts.Core.Runtime;

/// <summary>Options that cannot start a mock; the message names each setting and what it accepts.</summary>
public sealed class MockOptionsException : Exception
{
    /// <summary>Options that cannot start a mock, without details.</summary>
    public MockOptionsException() { }

    /// <summary>Options that cannot start a mock; <paramref name="message"/> names each setting.</summary>
    public MockOptionsException(string message) : base(message) => Problems = [message];

    /// <summary>Options that cannot start a mock, found through <paramref name="innerException"/>.</summary>
    public MockOptionsException(string message, Exception innerException) : base(message, innerException) => Problems = [message];

    /// <summary>Options that cannot start a mock, one line per problem, each naming its setting.</summary>
    /// <param name="problems">What is wrong, one setting per entry.</param>
    public MockOptionsException(IReadOnlyList<string> problems)
        : base("Invalid MockAccounts options:" + string.Concat((problems ?? []).Select(p => Environment.NewLine + "  " + p))) => Problems = problems ?? [];

    /// <summary>What is wrong, one setting per entry.</summary>
    public IReadOnlyList<string> Problems { get; } = [];
}
