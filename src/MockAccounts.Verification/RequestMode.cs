namespace MockAccounts.Verification;

/// <summary>How a request carries the credential: the three requests verification sends per operation.</summary>
public enum RequestMode
{
    /// <summary>With the credential, where the operation's security scheme says: a documented 2xx is expected.</summary>
    WithCredential,

    /// <summary>With no credential at all: the documented 401 or 403 is expected.</summary>
    WithoutCredential,

    /// <summary>With a credential of the wrong shape: the documented 401 or 403 is expected.</summary>
    MalformedCredential,
}
