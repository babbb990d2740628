namespace MockAccounts.AspNetCore.Hosting;

/// <summary>Options that cannot start a server; the message names each setting.</summary>
public sealed class MockAccountsOptionsException : Exception
{
    /// <summary>Options that cannot start a server, without details.</summary>
    public MockAccountsOptionsException() { }

    /// <summary>Options that cannot start a server; <paramref name="message"/> names each setting and what it accepts.</summary>
    public MockAccountsOptionsException(string message) : base(message) { }

    /// <summary>Options that cannot start a server, one line per problem, each naming its setting.</summary>
    /// <param name="problems">What is wrong, one setting per entry.</param>
    public MockAccountsOptionsException(IEnumerable<string> problems)
        : base("Invalid MockAccounts options:" + string.Concat(problems.Select(p => Environment.NewLine + "  " + p)))
    {
    }

    /// <summary>Options that cannot start a server, found through <paramref name="innerException"/>.</summary>
    public MockAccountsOptionsException(string message, Exception innerException) : base(message, innerException) { }
}
