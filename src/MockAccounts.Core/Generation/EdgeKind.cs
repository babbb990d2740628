namespace MockAccounts.Core.Generation;

/// <summary>What kind of value an edge option stands for.</summary>
internal enum EdgeKind
{
    /// <summary>The property is left out.</summary>
    Absent,

    Null,

    /// <summary>A fixed value: a bound, an enum value, an empty or non-ASCII string.</summary>
    Literal,

    /// <summary>What the hint (or, without one, the schema) generates.</summary>
    Generated,

    /// <summary>A generated date-time with fractional seconds.</summary>
    GeneratedWithFraction,

    /// <summary>An array of <see cref="EdgeOption.Count"/> generated items.</summary>
    Items,
}
