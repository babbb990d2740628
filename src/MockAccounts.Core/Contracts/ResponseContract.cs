using MockAccounts.Core.Generation;
using NJsonSchema;

namespace MockAccounts.Core.Contracts;

/// <summary>One documented response: its body schema (for generation and validation) and required headers.</summary>
public sealed record ResponseContract(
    int Status,
    SchemaNode? Body,
    JsonSchema? BodyValidator,
    IReadOnlyList<string> RequiredHeaders)
{
    /// <summary>Whether the body differs between requests of one token (so it is never cached).</summary>
    public bool VariesPerRequest { get; } = Body?.VariesPerRequest() ?? false;

    /// <summary>The serving path's quick yes/no check of a body; null when only NJsonSchema can check this schema.</summary>
    internal Validation.BodyCheck? BodyCheck { get; init; }
}
