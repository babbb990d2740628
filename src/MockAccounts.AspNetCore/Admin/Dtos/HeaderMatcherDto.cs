namespace MockAccounts.AspNetCore.Admin;

/// <summary>WireMock's header matcher; set one of its fields.</summary>
/// <param name="EqualTo">The header's value must equal this.</param>
/// <param name="Contains">The header's value must contain this.</param>
/// <param name="Matches">The header's value must match this regular expression.</param>
/// <param name="Absent">True: the header must be missing.</param>
public sealed record HeaderMatcherDto(string? EqualTo = null, string? Contains = null, string? Matches = null, bool? Absent = null);
