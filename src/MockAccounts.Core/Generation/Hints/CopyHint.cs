namespace MockAccounts.Core.Generation;

/// <summary>The value generated for another field of the same body, so related fields agree.</summary>
/// <param name="Pointer">The JSON pointer of the field to copy.</param>
public sealed record CopyHint(string Pointer) : Hint;
