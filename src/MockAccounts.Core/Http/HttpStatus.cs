namespace MockAccounts.Core.Http;

/// <summary>What a status code means to the mock.</summary>
public static class HttpStatus
{
    /// <summary>2xx: the status whose body carries the account (and its per-token edits).</summary>
    public static bool IsSuccess(int status) => status is >= 200 and < 300;
}
