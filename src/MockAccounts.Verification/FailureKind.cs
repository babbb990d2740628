namespace MockAccounts.Verification;

/// <summary>Why a request got no response.</summary>
public enum FailureKind
{
    /// <summary>The request could not be made (a parameter without a value, no credential).</summary>
    NotSent,

    /// <summary>The host's name did not resolve.</summary>
    NameResolution,

    /// <summary>No connection (refused, unreachable, reset).</summary>
    Connection,

    /// <summary>The TLS handshake failed (certificate not trusted, expired, wrong name, protocol).</summary>
    Tls,

    /// <summary>No complete response within the timeout.</summary>
    Timeout,

    /// <summary>A response HTTP cannot read, or a body cut short.</summary>
    Protocol,

    /// <summary>A body over the size verification reads.</summary>
    TooLarge,

    /// <summary>A recording that holds no response for the request.</summary>
    NotRecorded,
}
