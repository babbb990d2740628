using System.Text.Json;
using System.Text.Json.Nodes;
using MockAccounts.Core.Json;

namespace MockAccounts.Verification.Contracts;

/// <summary>
/// One OpenAPI document as its file writes it: what verification and diffs walk, so that every expectation
/// they report is a JSON pointer into that very file.
/// </summary>
public sealed class ContractDocument
{
    /// <summary>The operation keys of an OpenAPI 3.1 path item, in the specification's order.</summary>
    internal static readonly string[] HttpMethods = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

    private const int MaxReferenceDepth = 32;

    /// <summary>Wraps a parsed document.</summary>
    /// <param name="root">The document's top-level object.</param>
    /// <param name="path">The file it came from (shown relative to the working directory when inside it).</param>
    public ContractDocument(JsonObject root, string path)
    {
        Root = root;
        FullPath = Path.GetFullPath(path);
        DisplayPath = Display(FullPath);
    }

    /// <summary>The document's top-level object.</summary>
    public JsonObject Root { get; }

    /// <summary>The file, absolute.</summary>
    public string FullPath { get; }

    /// <summary>The file as a user would type it: relative to the working directory when inside it.</summary>
    public string DisplayPath { get; }

    /// <summary>Reads and parses <paramref name="path"/>.</summary>
    /// <param name="path">An OpenAPI document in JSON.</param>
    /// <exception cref="ContractFileException">The file cannot be read or is not a JSON object.</exception>
    public static ContractDocument Read(string path)
    {
        try
        {
            return Parse(File.ReadAllText(path), path);
        }
        catch (IOException e)
        {
            throw new ContractFileException($"{Display(path)}: cannot be read: {e.Message}");
        }
        catch (UnauthorizedAccessException e)
        {
            throw new ContractFileException($"{Display(path)}: cannot be read: {e.Message}");
        }
    }

    /// <summary>Parses a document's text.</summary>
    /// <param name="text">The JSON text.</param>
    /// <param name="path">The file it belongs to.</param>
    /// <exception cref="ContractFileException">The text is not a JSON object.</exception>
    public static ContractDocument Parse(string text, string path)
    {
        try
        {
            return JsonNode.Parse(text) is JsonObject root
                ? new ContractDocument(root, path)
                : throw new ContractFileException($"{Display(path)}: expected a JSON object at the top level");
        }
        catch (JsonException e)
        {
            throw new ContractFileException($"{Display(path)}: line {e.LineNumber + 1}: not valid JSON: {e.Message}");
        }
    }

    /// <summary><c>file#pointer</c>: where an expectation is written.</summary>
    /// <param name="pointer">A JSON pointer into this document.</param>
    public string Where(string pointer) => $"{DisplayPath}#{pointer}";

    /// <summary>The node at <paramref name="pointer"/>, or null.</summary>
    /// <param name="pointer">A JSON pointer into this document.</param>
    public JsonNode? At(string pointer)
    {
        JsonNode? node = Root;
        foreach (var segment in JsonPointer.Split(pointer))
        {
            node = node switch
            {
                JsonObject obj => obj[segment],
                JsonArray array when int.TryParse(segment, System.Globalization.CultureInfo.InvariantCulture, out var i) && i >= 0 && i < array.Count => array[i],
                _ => null,
            };
        }

        return node;
    }

    /// <summary>
    /// Follows <c>$ref</c>s inside the document: the object they lead to and its pointer (where a fix to it
    /// must be written), or the node itself when it is no reference.
    /// </summary>
    /// <param name="node">A schema, response, header or parameter object.</param>
    /// <param name="pointer">Where <paramref name="node"/> is.</param>
    public (JsonObject? Node, string Pointer) Resolve(JsonNode? node, string pointer)
    {
        for (var depth = 0; depth < MaxReferenceDepth; depth++)
        {
            if (node is not JsonObject obj)
            {
                return (null, pointer);
            }

            if (obj["$ref"] is not JsonValue reference || !reference.TryGetValue<string>(out var target) || !target.StartsWith('#'))
            {
                return (obj, pointer);
            }

            pointer = Uri.UnescapeDataString(target[1..]);
            node = At(pointer);
        }

        return (null, pointer);
    }

    /// <summary>Every operation, in document order.</summary>
    public IEnumerable<DocumentOperation> Operations()
    {
        foreach (var (template, itemNode) in Root["paths"] as JsonObject ?? [])
        {
            var itemAt = JsonPointer.Append("/paths", template);
            var (item, _) = Resolve(itemNode, itemAt);
            if (item is null)
            {
                continue;
            }

            foreach (var method in HttpMethods.Where(m => item[m] is JsonObject))
            {
                yield return new DocumentOperation(method.ToUpperInvariant(), template, JsonPointer.Append(itemAt, method), item[method]!.AsObject(), item);
            }
        }
    }

    /// <summary>The operation with this method and path template, or null.</summary>
    /// <param name="method">Upper case.</param>
    /// <param name="template">As the document writes it.</param>
    public DocumentOperation? FindOperation(string method, string template) =>
        Operations().FirstOrDefault(o => o.Method == method && o.Template == template);

    private static string Display(string path)
    {
        var full = Path.GetFullPath(path);
        var relative = Path.GetRelativePath(Environment.CurrentDirectory, full);
        return relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative) ? full : relative;
    }
}
