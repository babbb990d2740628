namespace MockAccounts.Core.Generation;

/// <summary>The object is generated as usual, with some of its properties overridden.</summary>
/// <param name="Children">The overrides of individual properties, by property name.</param>
public sealed record MergeOverride(IReadOnlyDictionary<string, OverrideNode> Children) : OverrideNode
{
    /// <summary>The override of one property, or null when it is generated as usual.</summary>
    /// <param name="name">The property name.</param>
    public OverrideNode? Child(string name) => Children.GetValueOrDefault(name);
}
