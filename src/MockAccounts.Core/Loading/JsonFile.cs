using System.Text.Json;
using System.Text.Json.Nodes;

namespace MockAccounts.Core.Loading;

/// <summary>Reads a JSON file, reporting syntax errors with line and column.</summary>
internal static class JsonFile
{
    private static readonly JsonDocumentOptions Options = new() { AllowTrailingCommas = false, CommentHandling = JsonCommentHandling.Disallow };

    public static async Task<(string Text, JsonObject? Root)> ReadAsync(string path, Action<string, string> fail, CancellationToken cancellationToken)
    {
        string text;
        try
        {
            text = await File.ReadAllTextAsync(path, cancellationToken);
        }
        catch (IOException e)
        {
            fail("", $"cannot be read: {e.Message}");
            return ("", null);
        }

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
