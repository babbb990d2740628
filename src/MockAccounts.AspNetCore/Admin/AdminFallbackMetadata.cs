namespace MockAccounts.AspNetCore.Admin;

/// <summary>Marks the admin catch-all, which is no route of its own.</summary>
internal sealed class AdminFallbackMetadata;
