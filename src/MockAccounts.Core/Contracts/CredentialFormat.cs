using System.Text.RegularExpressions;
using MockAccounts.Core.Generation;

namespace MockAccounts.Core.Contracts;

/// <summary>
/// The shape a vendor documents for its credentials (<c>x-mock-credential</c> on a security scheme):
/// a credential of another shape gets the vendor's 401, as the real service would answer it.
/// </summary>
/// <param name="Pattern">What a credential must match; null accepts any.</param>
/// <param name="Template">How to make a credential that matches (fixture tokens).</param>
/// <param name="CaseSensitiveScheme">Whether <c>Bearer </c> must be spelled exactly so (some servers compare bytes).</param>
public sealed record CredentialFormat(Regex? Pattern, TemplateText? Template, bool CaseSensitiveScheme)
{
    /// <summary>Whether <paramref name="credential"/> has the declared shape (always true without a pattern).</summary>
    /// <param name="credential">The credential as sent, without its scheme.</param>
    public bool Accepts(string credential) => Pattern?.IsMatch(credential) ?? true;

    /// <summary>A fresh credential of the declared shape, or null when the contract gives no template.</summary>
    public string? NewCredential() => Template?.Render(new Bogus.Randomizer());
}
