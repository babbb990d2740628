namespace MockAccounts.Server.Hosting;

/// <summary>Options that cannot start a server; the message names each setting.</summary>
public sealed class MockAccountsOptionsException : Exception
{
    /// <summary>Options that cannot start a server, without details.</summary>
    public MockAccountsOptionsException() { }

    /// <summary>Options that cannot start a server; <paramref name="message"/> names each setting and what it accepts.</summary>
    public MockAccountsOptionsException(string message) : base(message) { }

    /// <summary>Options that cannot start a server, found through <paramref name="innerException"/>.</summary>
    public MockAccountsOptionsException(string message, Exception innerException) : base(message, innerException) { }
}
