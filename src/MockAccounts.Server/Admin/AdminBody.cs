using System.Text.Json;
using System.Text.Json.Nodes;
using MockAccounts.Server.Hosting;

namespace MockAccounts.Server.Admin;

/// <summary>Reads admin JSON bodies by hand so that every mistake gets a problem naming the field.</summary>
internal static class AdminBody
{
    /// <summary>What every admin call with a body reads, as the admin OpenAPI document states it.</summary>
    public const string ContentType = "application/json";

    public static async Task<(JsonNode? Json, IResult? Problem)> ReadAsync(HttpContext context, int limit)
    {
        var bytes = await RequestBody.ReadAsync(context.Request, limit, context.RequestAborted);
        if (bytes is null)
        {
            Problems.CloseAfterResponse(context);
            return (null, AdminProblems.Problem(StatusCodes.Status413PayloadTooLarge, "Request body too large", $"Admin bodies are limited to {limit} bytes."));
        }

        if (bytes.Value.IsEmpty)
        {
            return (null, AdminProblems.Problem(StatusCodes.Status400BadRequest, "Missing body", "Expected a JSON body."));
        }

        try
        {
            return (JsonNode.Parse(bytes.Value.Span), null);
        }
        catch (JsonException e)
        {
            return (null, AdminProblems.Problem(StatusCodes.Status400BadRequest, "Malformed JSON", $"The body is not valid JSON: {e.Message}"));
        }
    }

    /// <summary>A required string property of a JSON object body, e.g. <c>{"state": "…"}</c>.</summary>
    public static async Task<(string? Value, IResult? Problem)> ReadStringAsync(HttpContext context, int limit, string property)
    {
        var (json, problem) = await ReadAsync(context, limit);
        if (problem is not null)
        {
            return (null, problem);
        }

        return json is JsonObject obj && obj[property] is JsonValue value && value.TryGetValue<string>(out var text) && text.Length > 0
            ? (text, null)
            : (null, AdminProblems.Problem(StatusCodes.Status400BadRequest, "Invalid body", $"Expected {{\"{property}\": \"<name>\"}} with a non-empty string."));
    }
}

internal static class AdminProblems
{
    public static IResult Problem(int status, string title, string detail, IDictionary<string, object?>? extensions = null) =>
        TypedResults.Problem(detail, statusCode: status, title: title, extensions: extensions);

    public static IResult UnknownVendor(string vendor, IEnumerable<string> known) =>
        Problem(StatusCodes.Status404NotFound, "Unknown vendor", $"No vendor '{vendor}' (vendors: {string.Join(", ", known)}).",
            new Dictionary<string, object?> { ["vendors"] = known.ToArray() });

    public static IResult UnknownScenario(string vendor, string scenario, IEnumerable<string> known) =>
        Problem(StatusCodes.Status400BadRequest, "Unknown scenario", $"'{vendor}' has no scenario '{scenario}' (scenarios: {string.Join(", ", known)}).",
            new Dictionary<string, object?> { ["scenarios"] = known.ToArray() });
}
