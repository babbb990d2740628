namespace MockAccounts.Core.Contracts;

/// <summary>How a variant's contract is written.</summary>
public enum ContractFormat
{
    /// <summary>Our own dialect: <c>openapi.json</c>, OpenAPI 3.1 with <c>x-mock</c> hints and a closed keyword set, and a scenario catalogue.</summary>
    Dialect,

    /// <summary>A vendor's published OpenAPI 3.0 or 3.1 document (JSON or YAML), served as it is, its scenarios derived from its responses.</summary>
    Published,
}
