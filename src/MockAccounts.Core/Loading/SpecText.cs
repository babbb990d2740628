using System.Text;
using System.Text.Json.Nodes;
using Microsoft.OpenApi;
using Microsoft.OpenApi.YamlReader;
using SharpYaml;
using SharpYaml.Serialization;

namespace MockAccounts.Core.Loading;

/// <summary>
/// Reads a published spec's file, YAML or JSON by its extension, into JSON nodes: YAML through the converter
/// Microsoft.OpenApi.YamlReader reads documents with, so this loader and Microsoft.OpenApi's check see the same tree.
/// </summary>
internal static class SpecText
{
    /// <summary>Whether <paramref name="path"/> is YAML (<c>.yaml</c>, <c>.yml</c>) rather than JSON.</summary>
    public static bool IsYaml(string path) =>
        path.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".yml", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// The file's top-level object, as Microsoft.OpenApi reads it (YAML nulls as its sentinel value, see
    /// <see cref="WithNulls"/>); null after reporting a syntax error with its line.
    /// </summary>
    public static JsonObject? Parse(byte[] bytes, bool yaml, Action<string, string> fail)
    {
        if (!yaml)
        {
            return JsonFile.Parse(bytes, fail).Root;
        }

        try
        {
            var text = Encoding.UTF8.GetString(bytes.AsSpan().StartsWith(Encoding.UTF8.Preamble) ? bytes.AsSpan(Encoding.UTF8.Preamble.Length) : bytes);
            var stream = new YamlStream();
            stream.Load(new StringReader(text));
            if (stream.Documents.Count > 0 && YamlConverter.ToJsonNode(stream.Documents[0]) is JsonObject root)
            {
                return root;
            }

            fail("", "expected a YAML mapping at the top level");
        }
        catch (YamlException e)
        {
            fail($"line {e.Start.Line + 1}, column {e.Start.Column + 1}", $"not valid YAML: {e.Message}");
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException or FormatException)
        {
            fail("", $"not valid YAML: {e.Message}");
        }

        return null;
    }

    /// <summary>The tree with YAML's nulls as JSON nulls (Microsoft.OpenApi's converter writes a sentinel string for them), in place.</summary>
    public static JsonNode? WithNulls(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, value) in obj.ToArray())
                {
                    if (value is not null && JsonNullSentinel.IsJsonNullSentinel(value))
                    {
                        obj[key] = null;
                    }
                    else
                    {
                        WithNulls(value);
                    }
                }

                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    if (array[i] is { } value && JsonNullSentinel.IsJsonNullSentinel(value))
                    {
                        array[i] = null;
                    }
                    else
                    {
                        WithNulls(array[i]);
                    }
                }

                break;
        }

        return node;
    }
}
