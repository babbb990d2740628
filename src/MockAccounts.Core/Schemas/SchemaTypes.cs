namespace MockAccounts.Core.Schemas;

/// <summary>The JSON types a schema allows; a schema with several types sets several flags.</summary>
[Flags]
public enum SchemaTypes
{
    /// <summary>No <c>type</c> given: any type is allowed.</summary>
    None = 0,
    /// <summary>JSON <c>null</c>.</summary>
    Null = 1,
    /// <summary>JSON <c>true</c>/<c>false</c>.</summary>
    Boolean = 2,
    /// <summary>A whole number.</summary>
    Integer = 4,
    /// <summary>Any number.</summary>
    Number = 8,
    /// <summary>A JSON string.</summary>
    String = 16,
    /// <summary>A JSON array.</summary>
    Array = 32,
    /// <summary>A JSON object.</summary>
    Object = 64,
}
