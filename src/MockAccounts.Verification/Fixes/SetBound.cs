using MockAccounts.Verification.Contracts;

namespace MockAccounts.Verification.Fixes;

/// <summary>Moves a bound (<c>minimum</c>, <c>maxLength</c>, <c>maxItems</c>, …) to the value observed.</summary>
/// <param name="Pointer">The schema.</param>
/// <param name="Keyword">The bound's keyword.</param>
/// <param name="Value">The observed value, length or count the bound must admit.</param>
/// <param name="Shown">Whether the value may be shown (a length is; a number the vendor sent is masked unless asked).</param>
public sealed record SetBound(string Pointer, string Keyword, decimal Value, bool Shown) : ContractFix(Pointer)
{
    /// <inheritdoc/>
    public override string Describe() =>
        Shown ? $"set \"{Keyword}\" to {JsonValues.Text(Value)}" : $"{(Keyword.StartsWith("min", StringComparison.Ordinal) ? "lower" : "raise")} \"{Keyword}\" to the value observed";

    /// <inheritdoc/>
    public override void Apply(ContractDocument document)
    {
        var schema = Target(document);
        schema[Keyword] = Value == decimal.Truncate(Value) ? System.Text.Json.Nodes.JsonValue.Create((long)Value) : System.Text.Json.Nodes.JsonValue.Create(Value);
    }
}
