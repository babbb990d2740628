using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using MockAccounts.Core.Http;

namespace MockAccounts.Core.Responses;

/// <summary>
/// MockAccounts' own error, never a vendor's: RFC 9457 problem details. The one producer of
/// <c>application/problem+json</c> for the pipeline, the host and the admin API.
/// </summary>
/// <param name="Status">The HTTP status the problem is sent with.</param>
/// <param name="Title">A short, fixed summary of the kind of problem.</param>
/// <param name="Detail">What went wrong this time, naming the field and the valid choices.</param>
public sealed record Problem(int Status, string Title, string Detail)
{
    /// <summary>The media type problems are sent as.</summary>
    public const string ContentType = "application/problem+json";

    // A problem is JSON served as JSON for a person at a terminal, and the dashboard puts its text on the page as
    // text, never as markup: quotes and accents are written as themselves ('runloop', not \u0027runloop\u0027).
    // The default encoder's HTML escapes only matter for JSON pasted into an HTML page, which nothing here does.
    private static readonly JsonSerializerOptions Readable = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>A URI naming the kind of problem; <c>about:blank</c> when the status says it all.</summary>
    public string Type { get; init; } = "about:blank";

    /// <summary>Further members, e.g. the valid choices a caller can pick from.</summary>
    public IReadOnlyDictionary<string, JsonNode?> Extensions { get; init; } = new Dictionary<string, JsonNode?>();

    /// <summary>A copy with one more member.</summary>
    public Problem With(string name, JsonNode? value) =>
        this with { Extensions = new Dictionary<string, JsonNode?>(Extensions) { [name] = value } };

    /// <summary>A copy listing <paramref name="values"/> under <paramref name="name"/>.</summary>
    public Problem With(string name, IEnumerable<string> values) =>
        With(name, new JsonArray(values.Select(v => (JsonNode?)v).ToArray()));

    /// <summary>The problem as UTF-8 JSON.</summary>
    public byte[] ToJson() => JsonSerializer.SerializeToUtf8Bytes(ToJsonObject(), Readable);

    /// <summary>The problem as a JSON object (members <c>type</c>, <c>title</c>, <c>status</c>, <c>detail</c> and the extensions).</summary>
    public JsonObject ToJsonObject()
    {
        var document = new JsonObject
        {
            ["type"] = Type,
            ["title"] = Title,
            ["status"] = Status,
            ["detail"] = Detail,
        };
        foreach (var (name, value) in Extensions)
        {
            document[name] = value?.DeepClone();
        }

        return document;
    }

    /// <summary>The problem as a response to send, with any further headers.</summary>
    /// <param name="headers">Headers sent besides <c>Content-Type</c>.</param>
    public MockResponse ToResponse(params KeyValuePair<string, string>[] headers) =>
        new(Status, [new("Content-Type", ContentType), .. headers], ToJson());
}
