namespace MockAccounts.Verification;

/// <summary>What one check of a response looks at.</summary>
public enum CheckAspect
{
    /// <summary>The request itself: it failed before any response (connection, TLS, timeout) or could not be made.</summary>
    Request,

    /// <summary>The status code.</summary>
    Status,

    /// <summary>The <c>Content-Type</c>.</summary>
    ContentType,

    /// <summary>The headers the contract declares for that status.</summary>
    Headers,

    /// <summary>The body, strictly against the status' schema.</summary>
    Body,
}
