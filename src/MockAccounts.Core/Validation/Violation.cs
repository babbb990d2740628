namespace MockAccounts.Core.Validation;

/// <summary>One way a response breaks its contract: where, what the contract expects, what was sent.</summary>
public sealed record Violation(string Pointer, string Expected, string Actual)
{
    public override string ToString() => $"{(Pointer.Length == 0 ? "/" : Pointer)}: expected {Expected}, actual {Actual}";
}
