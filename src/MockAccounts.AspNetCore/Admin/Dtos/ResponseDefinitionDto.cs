namespace MockAccounts.AspNetCore.Admin;

/// <summary>WireMock's response definition, reduced to what the journal knows.</summary>
/// <param name="Status">The HTTP status code sent.</param>
public sealed record ResponseDefinitionDto(int Status);
