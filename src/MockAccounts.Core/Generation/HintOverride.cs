namespace MockAccounts.Core.Generation;

/// <summary>The field is generated with this hint instead of the schema's.</summary>
/// <param name="Hint">The hint to generate with (<c>$mock</c>).</param>
public sealed record HintOverride(Hint Hint) : OverrideNode;
