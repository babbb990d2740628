namespace MockAccounts.Verification;

/// <summary>A request that cannot be carried out as given (unknown vendor or variant, missing credential, bad option): exit code 2.</summary>
public sealed class UsageException : Exception
{
    /// <summary>An exception with the message given.</summary>
    /// <param name="message">What is wrong and what is allowed.</param>
    public UsageException(string message) : base(message) { }

    /// <summary>An exception without details.</summary>
    public UsageException() { }

    /// <summary>An exception wrapping its cause.</summary>
    /// <param name="message">What is wrong and what is allowed.</param>
    /// <param name="innerException">The cause.</param>
    public UsageException(string message, Exception innerException) : base(message, innerException) { }
}
