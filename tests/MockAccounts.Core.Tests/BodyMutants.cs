using System.Text.Json.Nodes;

namespace MockAccounts.Core.Tests;

/// <summary>Bodies one change away from a valid one, for the quick body check's differential tests.</summary>
internal static class BodyMutants
{
    /// <summary>
    /// Each value in the body replaced, removed or joined by something its schema may forbid, one change at a time, as
    /// JSON text: other values of the same body in its place (another branch's discriminator, another enum member),
    /// an unexpected property, and a property named twice (Newtonsoft, under NJsonSchema, keeps the last value).
    /// </summary>
    public static IEnumerable<string> Of(JsonNode? body)
    {
        JsonNode?[] replacements =
        [
            null, 12345, 0, 2147483648L, 1.5, -1, "x", "", "1", "ÿé", new string('y', 300), "ünïcödé", true, new JsonObject(), new JsonArray(),
            "2026-13-45T99:99:99Z", "not-a-uuid",
        ];
        var strings = Paths(body, []).Select(p => p.Node).OfType<JsonValue>().Where(v => v.GetValueKind() == System.Text.Json.JsonValueKind.String)
            .Select(v => v.GetValue<string>()).Distinct(StringComparer.Ordinal).Take(8).Select(text => (JsonNode?)JsonValue.Create(text)).ToArray();
        foreach (var (path, _) in Paths(body, []))
        {
            foreach (var replacement in replacements.Concat(strings))
            {
                yield return Text(Replace(body, path, replacement?.DeepClone(), remove: false));
            }

            if (path.Count > 0)
            {
                yield return Text(Replace(body, path, null, remove: true));
            }
        }

        foreach (var (path, node) in Paths(body, []))
        {
            if (node is JsonObject obj)
            {
                var copy = body!.DeepClone();
                Navigate(copy, path)!.AsObject()["unexpected_field"] = 1;
                yield return Text(copy);
                if (obj.Count > 0)
                {
                    // The first name again at the end, with a value that is wrong for it or the value it had.
                    var name = obj.First().Key;
                    foreach (var second in new JsonNode?[] { null, "x", 12345, obj.First().Value?.DeepClone() })
                    {
                        var twice = body!.DeepClone();
                        Navigate(twice, path)!.AsObject()[Marker] = second;
                        yield return Text(twice).Replace($"\"{Marker}\"", System.Text.Json.JsonSerializer.Serialize(name), StringComparison.Ordinal);
                    }

                    // And a wrong value first, the right one last.
                    var first = body!.DeepClone();
                    var target = Navigate(first, path)!.AsObject();
                    var kept = target[name]?.DeepClone();
                    target.Remove(name);
                    var rest = target.ToArray();
                    target.Clear();
                    target[Marker] = "x";
                    foreach (var (key, value) in rest)
                    {
                        target[key] = value;
                    }

                    target[name] = kept;
                    yield return Text(first).Replace($"\"{Marker}\"", System.Text.Json.JsonSerializer.Serialize(name), StringComparison.Ordinal);
                }
            }
        }
    }

    /// <summary>
    /// NJsonSchema's own verdict on a body, as the validators' verdict (SchemaValidator describes violations by reading the
    /// body as nodes, which a repeated name breaks).
    /// </summary>
    public static bool Refused(NJsonSchema.JsonSchema schema, string body) => schema.Validate(body).Count > 0;

    /// <summary>
    /// The quick check's "yes": a <c>pattern</c> that overran its timeout (a busy machine can pause the thread past it)
    /// gives no verdict, which the serving path answers as a problem and never as acceptance.
    /// </summary>
    public static bool Accepted(Core.Schemas.BodyCheck check, byte[] body)
    {
        try
        {
            return check.Accepts(body);
        }
        catch (System.Text.RegularExpressions.RegexMatchTimeoutException)
        {
            return false;
        }
    }

    private const string Marker = "__mutant_repeated_name__";

    private static string Text(JsonNode? node) => node?.ToJsonString() ?? "null";

    private static IEnumerable<(List<object> Path, JsonNode? Node)> Paths(JsonNode? node, List<object> path)
    {
        yield return (path, node);
        switch (node)
        {
            case JsonObject obj:
                foreach (var (name, child) in obj)
                {
                    foreach (var found in Paths(child, [.. path, name]))
                    {
                        yield return found;
                    }
                }

                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    foreach (var found in Paths(array[i], [.. path, i]))
                    {
                        yield return found;
                    }
                }

                break;
        }
    }

    private static JsonNode? Replace(JsonNode? body, List<object> path, JsonNode? value, bool remove)
    {
        if (path.Count == 0)
        {
            return value;
        }

        var copy = body!.DeepClone();
        var parent = Navigate(copy, path[..^1]);
        switch (parent, path[^1])
        {
            case (JsonObject obj, string name):
                if (remove)
                {
                    obj.Remove(name);
                }
                else
                {
                    obj[name] = value;
                }

                break;
            case (JsonArray array, int index):
                if (remove)
                {
                    array.RemoveAt(index);
                }
                else
                {
                    array[index] = value;
                }

                break;
        }

        return copy;
    }

    private static JsonNode? Navigate(JsonNode? node, List<object> path)
    {
        foreach (var step in path)
        {
            node = step is string name ? node![name] : node![(int)step];
        }

        return node;
    }
}
