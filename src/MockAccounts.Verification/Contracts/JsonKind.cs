namespace MockAccounts.Verification.Contracts;

/// <summary>What a JSON value is, as strictly as a typed consumer reads it.</summary>
public enum JsonKind
{
    /// <summary><c>null</c>.</summary>
    Null,

    /// <summary><c>true</c> or <c>false</c>.</summary>
    Boolean,

    /// <summary>A number written without a fraction or exponent: <c>42</c>.</summary>
    Integer,

    /// <summary>A number written with a fraction or exponent: <c>4.5</c>, <c>4.0</c>, <c>1e3</c>.</summary>
    Fraction,

    /// <summary>A string.</summary>
    String,

    /// <summary>An array.</summary>
    Array,

    /// <summary>An object.</summary>
    Object,
}
