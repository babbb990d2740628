using System.Text.Json.Nodes;

namespace MockAccounts.Core.Generation;

/// <summary>
/// A scenario's partial body, compiled: a literal replaces a field, a hint generates it, a merge
/// descends into an object.
/// </summary>
public abstract record OverrideNode
{
    /// <summary>Layers <paramref name="top"/> over <paramref name="bottom"/>; either may be null.</summary>
    public static OverrideNode? Layer(OverrideNode? bottom, OverrideNode? top)
    {
        if (top is null)
        {
            return bottom;
        }

        if (bottom is MergeOverride lower && top is MergeOverride upper)
        {
            var merged = new Dictionary<string, OverrideNode>(lower.Children, StringComparer.Ordinal);
            foreach (var (name, child) in upper.Children)
            {
                merged[name] = Layer(merged.GetValueOrDefault(name), child)!;
            }

            return new MergeOverride(merged);
        }

        return top;
    }

    /// <summary>An edit that sets one field, addressed by a JSON pointer into the body.</summary>
    public static OverrideNode At(string pointer, JsonNode? value)
    {
        OverrideNode node = new LiteralOverride(value?.DeepClone());
        foreach (var segment in Loading.JsonPointer.Split(pointer).Reverse())
        {
            node = new MergeOverride(new Dictionary<string, OverrideNode>(StringComparer.Ordinal) { [segment] = node });
        }

        return node;
    }
}

/// <summary>The field is exactly this value.</summary>
/// <param name="Value">The value, used as is.</param>
public sealed record LiteralOverride(JsonNode? Value) : OverrideNode;

/// <summary>The field is generated with this hint instead of the schema's.</summary>
/// <param name="Hint">The hint to generate with (<c>$mock</c>).</param>
public sealed record HintOverride(Hint Hint) : OverrideNode;

/// <summary>The object is generated as usual, with some of its properties overridden.</summary>
/// <param name="Children">The overrides of individual properties, by property name.</param>
public sealed record MergeOverride(IReadOnlyDictionary<string, OverrideNode> Children) : OverrideNode
{
    /// <summary>The override of one property, or null when it is generated as usual.</summary>
    /// <param name="name">The property name.</param>
    public OverrideNode? Child(string name) => Children.GetValueOrDefault(name);
}
