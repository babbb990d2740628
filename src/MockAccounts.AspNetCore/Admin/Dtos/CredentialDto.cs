namespace MockAccounts.AspNetCore.Admin;

/// <summary>A header the vendor reads its credential from; <c>Scheme</c> is <c>Bearer</c> for <c>Authorization: Bearer</c>.</summary>
/// <param name="Header">The header's name, e.g. <c>Authorization</c> or <c>X-API-Key</c>.</param>
/// <param name="Scheme"><c>Bearer</c> when the header carries <c>Bearer &lt;token&gt;</c>; null when it carries the credential alone.</param>
/// <param name="Example">A fresh credential of the shape the contract declares (<c>x-mock-credential</c>), so a person or a
/// dashboard can make tokens the vendor accepts; null when the contract declares no shape.</param>
public sealed record CredentialDto(string Header, string? Scheme, string? Example = null);
