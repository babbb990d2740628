namespace MockAccounts.Core.Generation;

/// <summary>How generated bodies vary.</summary>
public enum Variation
{
    /// <summary>Plausible values from the hints, fixed per token.</summary>
    Realistic,

    /// <summary>Successive requests walk what the contract allows: absent, null, bounds, every enum value.</summary>
    Edges,
}
