namespace MockAccounts.Core.Runtime;

/// <summary>The store the replicas share cannot be reached, so a change cannot be made; nothing changed.</summary>
public sealed class SharedStateUnavailableException : Exception
{
    /// <summary>An exception with no message of its own.</summary>
    public SharedStateUnavailableException()
    {
    }

    /// <summary>An exception saying why.</summary>
    /// <param name="message">Which store, which setting, and what failed (never a password).</param>
    public SharedStateUnavailableException(string message)
        : base(message)
    {
    }

    /// <summary>An exception saying why, with the failure beneath it.</summary>
    /// <param name="message">Which store, which setting, and what failed (never a password).</param>
    /// <param name="innerException">The store client's failure.</param>
    public SharedStateUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The setting that names the store (<c>MockAccounts:State:Redis</c>), for the problem answered.</summary>
    public string? Setting { get; init; }
}
