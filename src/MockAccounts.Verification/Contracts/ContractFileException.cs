namespace MockAccounts.Verification.Contracts;

/// <summary>A contract file that cannot be read or parsed; the message names the file and what is wrong.</summary>
public sealed class ContractFileException : Exception
{
    /// <summary>An exception with the message given.</summary>
    /// <param name="message">File and reason.</param>
    public ContractFileException(string message) : base(message) { }

    /// <summary>An exception without details.</summary>
    public ContractFileException() { }

    /// <summary>An exception wrapping its cause.</summary>
    /// <param name="message">File and reason.</param>
    /// <param name="innerException">The cause.</param>
    public ContractFileException(string message, Exception innerException) : base(message, innerException) { }
}
