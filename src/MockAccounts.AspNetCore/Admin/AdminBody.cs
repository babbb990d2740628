using System.Text.Json;
using System.Text.Json.Nodes;
using MockAccounts.AspNetCore.Http;
using MockAccounts.Core.Responses;

namespace MockAccounts.AspNetCore.Admin;

/// <summary>Reads admin JSON bodies by hand so that every mistake gets a problem naming the field.</summary>
internal static class AdminBody
{
    /// <summary>What every admin call with a body reads, as the admin OpenAPI document states it.</summary>
    public const string ContentType = "application/json";

    public static async Task<(JsonNode? Json, Problem? Problem)> ReadAsync(HttpContext context, int limit)
    {
        var bytes = await RequestBody.ReadAsync(context.Request, limit, context.RequestAborted).ConfigureAwait(false);
        if (bytes is null)
        {
            Problems.CloseAfterResponse(context);
            return (null, new Problem(StatusCodes.Status413PayloadTooLarge, "Request body too large", $"Admin bodies are limited to {limit} bytes."));
        }

        if (bytes.Value.IsEmpty)
        {
            return (null, new Problem(StatusCodes.Status400BadRequest, "Missing body", "Expected a JSON body."));
        }

        if (InvalidUtf8At(bytes.Value.Span) is { } offset)
        {
            return (null, new Problem(StatusCodes.Status400BadRequest, "Malformed JSON", $"The body is not valid UTF-8: the bytes at offset {offset} are not a UTF-8 sequence."));
        }

        try
        {
            // Duplicate names are refused here, naming the name: a JsonObject would otherwise throw when first read.
            return (JsonNode.Parse(bytes.Value.Span, documentOptions: StrictJson), null);
        }
        catch (JsonException e)
        {
            return (null, new Problem(StatusCodes.Status400BadRequest, "Malformed JSON", $"The body is not valid JSON: {e.Message}"));
        }
    }

    private static readonly JsonDocumentOptions StrictJson = new() { AllowDuplicateProperties = false };

    /// <summary>The offset of the first byte that does not start a valid UTF-8 sequence, or null when all are valid.</summary>
    private static int? InvalidUtf8At(ReadOnlySpan<byte> bytes)
    {
        if (System.Text.Unicode.Utf8.IsValid(bytes))
        {
            return null;
        }

        var offset = 0;
        while (System.Text.Rune.DecodeFromUtf8(bytes[offset..], out _, out var consumed) == System.Buffers.OperationStatus.Done)
        {
            offset += consumed;
        }

        return offset;
    }

    /// <summary>Required string properties of a JSON object body, e.g. <c>{"state": "…"}</c>, in the order asked.</summary>
    public static async Task<(string[] Values, Problem? Problem)> ReadStringsAsync(HttpContext context, int limit, params string[] properties)
    {
        var (json, problem) = await ReadAsync(context, limit).ConfigureAwait(false);
        if (problem is not null)
        {
            return ([], problem);
        }

        var values = properties.Select(p => json is JsonObject obj && obj[p] is JsonValue value && value.TryGetValue<string>(out var text) && text.Length > 0 ? text : null).ToArray();
        if (values.All(v => v is not null))
        {
            return (values.OfType<string>().ToArray(), null);
        }

        var expected = string.Join(", ", properties.Select(p => $"\"{p}\": \"<{(p == "token" ? "token" : "name")}>\""));
        return ([], new Problem(StatusCodes.Status400BadRequest, "Invalid body", $"Expected {{{expected}}} with non-empty strings."));
    }
}
