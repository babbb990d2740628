namespace MockAccounts.Verification.Diff;

/// <summary>What <c>mockaccounts diff</c> found, vendor by vendor.</summary>
/// <param name="Vendors">Each vendor compared.</param>
public sealed record DiffReport(IReadOnlyList<VendorDiff> Vendors)
{
    /// <summary>How many changes may break a consumer.</summary>
    public int Breaking => Vendors.Sum(v => v.Changes.Count(c => c.Breaking));

    /// <summary>How many changes there are.</summary>
    public int Total => Vendors.Sum(v => v.Changes.Count);

    /// <summary>1 when anything is breaking, else 0.</summary>
    public int ExitCode => Breaking > 0 ? 1 : 0;
}
