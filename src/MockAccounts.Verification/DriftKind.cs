namespace MockAccounts.Verification;

/// <summary>The ways a response can leave its contract.</summary>
public enum DriftKind
{
    /// <summary>A property the schema does not declare (flagged even where <c>additionalProperties</c> would allow it).</summary>
    UnknownProperty,

    /// <summary>A value the schema's <c>enum</c> lacks.</summary>
    EnumValue,

    /// <summary>A required property left out.</summary>
    MissingRequired,

    /// <summary>Null where the schema's types do not include <c>"null"</c>.</summary>
    NullNotAllowed,

    /// <summary>A number written with a fraction or exponent where an integer is declared (<c>1.5</c>, and <c>1.0</c> too).</summary>
    IntegerFraction,

    /// <summary>A value of another type than declared.</summary>
    TypeMismatch,

    /// <summary>A string that does not have its declared <c>format</c>.</summary>
    Format,

    /// <summary>A string that does not match its declared <c>pattern</c>.</summary>
    Pattern,

    /// <summary>A number, string length or item count outside its declared bounds.</summary>
    OutOfBounds,

    /// <summary>Repeated items where <c>uniqueItems</c> is declared.</summary>
    DuplicateItems,

    /// <summary>A required response header missing.</summary>
    HeaderMissing,

    /// <summary>A declared response header whose value breaks its schema.</summary>
    HeaderValue,

    /// <summary>A status the operation does not document.</summary>
    UndocumentedStatus,

    /// <summary>A documented status other than the one expected (an error where a 2xx was expected, say).</summary>
    UnexpectedStatus,

    /// <summary>A success without a credential, where the contract requires one.</summary>
    AuthNotEnforced,

    /// <summary>A body whose <c>Content-Type</c> the response does not document.</summary>
    ContentType,

    /// <summary>No body where the status documents one.</summary>
    MissingBody,

    /// <summary>A body where the status documents none.</summary>
    UnexpectedBody,
}
