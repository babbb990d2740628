namespace MockAccounts.AspNetCore.Admin;

/// <summary>The body of <c>POST /__admin/requests/count</c>.</summary>
/// <param name="Count">How many journal entries match the pattern.</param>
public sealed record CountDto(int Count);
