namespace MockAccounts.Verification.Diff;

/// <summary>One change between two versions of a vendor's contract, classified for a consumer of the vendor.</summary>
/// <param name="Operation">The operation, <c>METHOD /path</c>; empty for a change to the whole vendor.</param>
/// <param name="Where">The part of it: <c>200 body</c>, <c>request body</c>, <c>401 headers</c>, <c>security</c>, <c>parameters</c>, or empty.</param>
/// <param name="Pointer">Where in the body (a JSON pointer as the new body is read; <c>*</c> for any array item), or a header or parameter name; empty otherwise.</param>
/// <param name="Kind">The kind of change.</param>
/// <param name="Breaking">Whether a consumer written against the old contract may break on the new one.</param>
/// <param name="Description">The change in words.</param>
/// <param name="FromPointer">The old expectation's JSON pointer into the old file, or null.</param>
/// <param name="ToPointer">The new expectation's JSON pointer into the new file, or null.</param>
public sealed record ContractChange(
    string Operation,
    string Where,
    string Pointer,
    ChangeKind Kind,
    bool Breaking,
    string Description,
    string? FromPointer,
    string? ToPointer)
{
    /// <summary>The kind as reports write it: <c>property-removed</c>, …</summary>
    public string KindName => Names.Kebab(Kind.ToString());
}
