using MockAccounts.Core.Contracts;
using MockAccounts.Verification.Contracts;

namespace MockAccounts.Verification;

/// <summary>The contract a vendor is held to: one variant, as loaded and proven, and its file.</summary>
/// <param name="Vendor">The vendor's name.</param>
/// <param name="Variant">The variant's name (<c>documented</c> by default).</param>
/// <param name="Contract">The variant as the loader proved it (operations, security).</param>
/// <param name="Document">The variant's OpenAPI document, for pointers into its file.</param>
/// <param name="ContractRoot">The contract folder (holding <c>schemas/</c> and <c>mocks/</c>) the vendor was loaded from.</param>
public sealed record VerificationTarget(string Vendor, string Variant, VariantContract Contract, ContractDocument Document, string ContractRoot)
{
    /// <summary>The environment variable the credential is read from: <c>MOCKACCOUNTS_CREDENTIAL_RUNLOOP</c>.</summary>
    public string CredentialVariable => CredentialVariableOf(Vendor);

    /// <summary>The credential variable of a vendor: upper case, every other character than a letter or digit an underscore.</summary>
    /// <param name="vendor">The vendor's name.</param>
    public static string CredentialVariableOf(string vendor) =>
        "MOCKACCOUNTS_CREDENTIAL_" + new string(vendor.Select(c => char.IsAsciiLetterOrDigit(c) ? char.ToUpperInvariant(c) : '_').ToArray());
}
