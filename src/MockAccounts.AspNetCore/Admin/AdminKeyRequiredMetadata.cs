namespace MockAccounts.AspNetCore.Admin;

/// <summary>Marks the endpoints behind <see cref="AdminKeyFilter"/>, for the admin API's description.</summary>
internal sealed class AdminKeyRequiredMetadata;
