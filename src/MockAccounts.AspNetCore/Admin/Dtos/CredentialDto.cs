namespace MockAccounts.AspNetCore.Admin;

/// <summary>A header (or query parameter) the vendor reads its credential from; <c>Scheme</c> is <c>Bearer</c> for <c>Authorization: Bearer</c>.</summary>
/// <param name="Header">The header's name, e.g. <c>Authorization</c> or <c>X-API-Key</c>; the query parameter's where <paramref name="In"/> is <c>query</c>.</param>
/// <param name="Scheme"><c>Bearer</c> when the header carries <c>Bearer &lt;token&gt;</c>; null when it carries the credential alone.</param>
/// <param name="Example">A fresh credential of the shape the contract declares (<c>x-mock-credential</c>), so a person or a
/// dashboard can make tokens the vendor accepts; null when the contract declares no shape.</param>
/// <param name="In"><c>header</c>, or <c>query</c> for an API key sent as <c>?name=…</c>.</param>
public sealed record CredentialDto(string Header, string? Scheme, string? Example = null, string In = "header");
