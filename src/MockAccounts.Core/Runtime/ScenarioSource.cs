namespace MockAccounts.Core.Runtime;

/// <summary>Why this scenario answered: the first rule that matched.</summary>
public enum ScenarioSource
{
    /// <summary>The request asked for it (<c>Prefer</c> or <c>X-Mock-Scenario</c>).</summary>
    RequestHeader,
    /// <summary>The token is bound to it through the admin API.</summary>
    TokenBinding,
    /// <summary>The vendor was switched to it through the admin API.</summary>
    VendorState,
    /// <summary>It is the catalogue's default.</summary>
    CatalogueDefault,
    /// <summary>The request had no usable credentials, so the vendor's 401 scenario answered.</summary>
    MissingCredentials,
}
