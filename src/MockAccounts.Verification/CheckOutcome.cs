namespace MockAccounts.Verification;

/// <summary>The result of one check.</summary>
public enum CheckOutcome
{
    /// <summary>The response keeps the contract here.</summary>
    Ok,

    /// <summary>The response breaks the contract: each way is a <see cref="Drift"/>.</summary>
    Drift,

    /// <summary>The check could not be made (connection, TLS, timeout, redirect, an HTML page, a refused credential, a 5xx).</summary>
    Error,
}
