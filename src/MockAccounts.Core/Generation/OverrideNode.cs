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
        foreach (var segment in Json.JsonPointer.Split(pointer).Reverse())
        {
            node = new MergeOverride(new Dictionary<string, OverrideNode>(StringComparer.Ordinal) { [segment] = node });
        }

        return node;
    }
}
