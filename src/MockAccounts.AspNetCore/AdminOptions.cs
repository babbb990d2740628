namespace MockAccounts.AspNetCore;

/// <summary>The <c>MockAccounts:Admin</c> section.</summary>
public sealed record AdminOptions
{
    /// <summary>When set, <c>/__admin</c> (except health) requires <c>Authorization: Bearer &lt;key&gt;</c>.</summary>
    public string? Key { get; set; }
}
