namespace MockAccounts.Core.Generation;

/// <summary>A decimal number within a range, with a fixed number of fractional digits.</summary>
/// <param name="Min">The smallest value.</param>
/// <param name="Max">The largest value.</param>
/// <param name="Places">How many digits follow the decimal point.</param>
public sealed record DecimalHint(decimal Min, decimal Max, int Places) : Hint;
