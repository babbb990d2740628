using MockAccounts.Core.Generation;
using NJsonSchema;

namespace MockAccounts.Core.Contracts;

/// <summary>The request body an operation documents, used to check bodies sent to actions.</summary>
/// <param name="Required">Whether the operation requires a body.</param>
/// <param name="Schema">The resolved body schema.</param>
/// <param name="Validator">The schema compiled for validating sent bodies.</param>
public sealed record RequestBodyContract(bool Required, SchemaNode Schema, JsonSchema Validator);
