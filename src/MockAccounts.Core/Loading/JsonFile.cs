using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace MockAccounts.Core.Loading;

/// <summary>Reads a JSON file, reporting syntax errors with line and column.</summary>
internal static class JsonFile
{
    private static readonly JsonDocumentOptions Options = new() { AllowTrailingCommas = false, CommentHandling = JsonCommentHandling.Disallow };

    public static async Task<(string Text, JsonObject? Root)> ReadAsync(string path, Action<string, string> fail, CancellationToken cancellationToken) =>
        await ReadBytesAsync(path, fail, cancellationToken) is { } bytes ? Parse(bytes, fail) : ("", null);

    /// <summary>The file's bytes; null after reporting why they cannot be read.</summary>
    public static async Task<byte[]?> ReadBytesAsync(string path, Action<string, string> fail, CancellationToken cancellationToken)
    {
        try
        {
            return await File.ReadAllBytesAsync(path, cancellationToken);
        }
        catch (IOException e)
        {
            fail("", $"cannot be read: {e.Message}");
            return null;
        }
    }

    /// <summary>Parses bytes already read: the loader hashes for its proof the very bytes it parses.</summary>
    public static (string Text, JsonObject? Root) Parse(byte[] bytes, Action<string, string> fail)
    {
        var text = Encoding.UTF8.GetString(bytes.AsSpan().StartsWith(Encoding.UTF8.Preamble) ? bytes.AsSpan(Encoding.UTF8.Preamble.Length) : bytes);
        try
        {
            if (JsonNode.Parse(text, documentOptions: Options) is JsonObject root)
            {
                return (text, root);
            }

            fail("", "expected a JSON object at the top level");
        }
        catch (JsonException e)
        {
            fail($"line {e.LineNumber + 1}, column {e.BytePositionInLine + 1}", $"not valid JSON: {e.Message}");
        }
        catch (ArgumentException e)
        {
            fail("", $"not valid JSON: {e.Message}");
        }

        return (text, null);
    }
}
