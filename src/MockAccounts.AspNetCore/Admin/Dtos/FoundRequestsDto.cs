namespace MockAccounts.AspNetCore.Admin;

/// <summary>Requests found in (or removed from) the journal.</summary>
/// <param name="Requests">The matching requests.</param>
public sealed record FoundRequestsDto(IReadOnlyList<LoggedRequestDto> Requests);
