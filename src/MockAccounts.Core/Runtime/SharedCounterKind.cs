namespace MockAccounts.Core.Runtime;

/// <summary>Which per-token count a <see cref="SharedCounter"/> is.</summary>
public enum SharedCounterKind
{
    /// <summary>The position in a sequence scenario.</summary>
    Sequence,

    /// <summary>The number the token's next varying body draws.</summary>
    RequestNumber,
}
