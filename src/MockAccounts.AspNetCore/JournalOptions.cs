namespace MockAccounts.AspNetCore;

/// <summary>The <c>MockAccounts:Journal</c> section: what the request journal keeps.</summary>
public sealed record JournalOptions
{
    /// <summary>Requests kept (the oldest are dropped and counted); 0 disables the journal.</summary>
    public int Capacity { get; set; } = 10_000;

    /// <summary>Keep credentials whole in the journal; by default they keep their scheme and last four characters.</summary>
    public bool KeepCredentials { get; set; }

    /// <summary>The most of each request and response body the journal keeps.</summary>
    public int MaxBodyChars { get; set; } = 8 * 1024;

    /// <summary>The most of each request's header values, all together, the journal keeps (values past it are cut, saying how much).</summary>
    public int MaxHeaderChars { get; set; } = 8 * 1024;
}
