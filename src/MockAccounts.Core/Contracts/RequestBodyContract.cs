using MockAccounts.Core.Generation;
using MockAccounts.Core.Schemas;
using NJsonSchema;

namespace MockAccounts.Core.Contracts;

/// <summary>The request body an operation documents, used to check bodies sent to actions.</summary>
/// <param name="Required">Whether the operation requires a body.</param>
/// <param name="Schema">The resolved body schema.</param>
public sealed record RequestBodyContract(bool Required, SchemaNode Schema)
{
    /// <summary>The schema as NJsonSchema validates sent bodies, compiled on first use.</summary>
    public JsonSchema Validator => ValidatorSource!.Value!;

    /// <summary>Compiles <see cref="Validator"/> when first asked.</summary>
    internal Lazy<JsonSchema?>? ValidatorSource { get; init; }

    /// <summary>The quick yes/no check of a sent body; null when only NJsonSchema can check this schema.</summary>
    internal Schemas.BodyCheck? BodyCheck { get; init; }
}
