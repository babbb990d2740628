using System.Text.Json.Nodes;

namespace MockAccounts.Core.Contracts;

/// <summary>A response body a published spec gives as an example, served as written when a scenario asks for it.</summary>
/// <param name="Name">The example's name in <c>examples</c>; <c>""</c> for a media type's single <c>example</c>.</param>
/// <param name="Value">The example body.</param>
/// <param name="Body">The body as served: its JSON as UTF-8.</param>
public sealed record ResponseExample(string Name, JsonNode? Value, byte[] Body);
