namespace MockAccounts.Verification.Diff;

/// <summary>The changes between two versions of one vendor's contract.</summary>
/// <param name="Vendor">The vendor.</param>
/// <param name="From">The old side: file (and variant), or a note that there is none.</param>
/// <param name="To">The new side.</param>
/// <param name="Changes">Every change, in contract order.</param>
public sealed record VendorDiff(string Vendor, string From, string To, IReadOnlyList<ContractChange> Changes);
