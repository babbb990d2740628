namespace MockAccounts.Core.Generation;

/// <summary>A generation hint from an <c>x-mock</c> schema extension or a <c>$mock</c> override.</summary>
public abstract record Hint;
