namespace MockAccounts.AspNetCore.Admin;

/// <summary>Request log lines dropped because stdout could not keep up (requests never wait for it).</summary>
public sealed record RequestLogHealthDto(bool Enabled, long Dropped);
