namespace MockAccounts.AspNetCore.Admin;

/// <summary>The response a serve event sent.</summary>
/// <param name="Status">The HTTP status code.</param>
/// <param name="Headers">The response headers; repeated headers joined with <c>, </c>.</param>
/// <param name="Body">The response body, cut to the journal's body limit.</param>
public sealed record LoggedResponseDto(int Status, IReadOnlyDictionary<string, string> Headers, string Body);
