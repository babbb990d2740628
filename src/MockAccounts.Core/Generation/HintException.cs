namespace MockAccounts.Core.Generation;

/// <summary>A generation hint that cannot be honoured (a broken pointer, a cycle).</summary>
public sealed class HintException : Exception
{
    /// <summary>A hint problem with no details.</summary>
    public HintException() { }

    /// <summary>A hint problem described by <paramref name="message"/>.</summary>
    /// <param name="message">What is wrong with the hint.</param>
    public HintException(string message) : base(message) { }

    /// <summary>A hint problem caused by another exception.</summary>
    /// <param name="message">What is wrong with the hint.</param>
    /// <param name="innerException">The exception that caused it.</param>
    public HintException(string message, Exception innerException) : base(message, innerException) { }
}
