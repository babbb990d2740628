namespace MockAccounts.AspNetCore.Admin;

/// <summary>
/// Endpoint metadata naming the JSON body an admin call reads, for the admin OpenAPI document. The framework's
/// <c>Accepts</c> metadata would say the same but also make routing refuse a body sent without that Content-Type,
/// which admin calls have always accepted (curl's <c>-d</c> sends a form type).
/// </summary>
/// <param name="Type">The body's shape; <see cref="System.Text.Json.Nodes.JsonObject"/> for WireMock's or the vendor's own JSON.</param>
/// <param name="IsOptional">Whether the call also works without a body.</param>
internal sealed record AdminRequestBody(Type Type, bool IsOptional = false);
