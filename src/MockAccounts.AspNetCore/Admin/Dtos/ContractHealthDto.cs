namespace MockAccounts.AspNetCore.Admin;

/// <summary>The contracts part of the health: what is loaded and how the reloads went.</summary>
/// <param name="Vendors">How many vendors the loaded contracts hold.</param>
/// <param name="LoadedAt">When the contracts now served were loaded.</param>
/// <param name="Reloads">How many times the contracts have been reloaded.</param>
/// <param name="RouteConflicts">Routes that more than one operation claims, one description each.</param>
/// <param name="LastReloadError">The last failed reload's message; null while the last reload succeeded.</param>
/// <param name="ReloadErrors">The last failed reload's problems one by one (empty while the last reload succeeded).</param>
public sealed record ContractHealthDto(
    int Vendors, DateTimeOffset LoadedAt, int Reloads, IReadOnlyList<string> RouteConflicts, string? LastReloadError, IReadOnlyList<ContractErrorDto> ReloadErrors);
