namespace MockAccounts.Core.Validation;

/// <summary>One way a response breaks its contract: where, what the contract expects, what was sent.</summary>
public sealed record Violation(string Pointer, string Expected, string Actual)
{
    /// <summary>The violation as <c>pointer: expected …, actual …</c>.</summary>
    public override string ToString() => $"{(Pointer.Length == 0 ? "/" : Pointer)}: expected {Expected}, actual {Actual}";
}
