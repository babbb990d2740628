using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using MockAccounts.Core.Json;
using MockAccounts.Verification.Contracts;

namespace MockAccounts.Verification;

/// <summary>
/// A vendor's responses as a file (<c>&lt;vendor&gt;.json</c> in the recording folder): per request its status,
/// the headers that matter and its body, with the credential removed and, unless asked to keep them, strings
/// replaced by same-shape placeholders. <c>verify --recorded</c> holds a contract to it without a network.
/// </summary>
public static class Recording
{
    /// <summary>The format's version, written into each recording.</summary>
    public const int Version = 1;

    /// <summary>Headers always kept (besides those the contract declares).</summary>
    private static readonly string[] KeptHeaders = ["Content-Type", "Location", "Retry-After", "WWW-Authenticate"];

    /// <summary>Where a vendor's recording is in <paramref name="folder"/>.</summary>
    /// <param name="folder">The recording folder.</param>
    /// <param name="vendor">The vendor.</param>
    public static string FileOf(string folder, string vendor) => Path.Combine(folder, vendor + ".json");

    /// <summary>The recording of <paramref name="exchanges"/>.</summary>
    /// <param name="target">The contract the requests came from.</param>
    /// <param name="exchanges">Each request's response or failure.</param>
    /// <param name="source">The base URL, without secrets.</param>
    /// <param name="recordedAt">When.</param>
    /// <param name="keepValues">Keep strings as they are (the credential is removed all the same).</param>
    /// <param name="credential">The credential, removed wherever it appears.</param>
    /// <param name="warnings">Placeholders that could not keep a value's format or pattern.</param>
    public static JsonObject Create(VerificationTarget target, IReadOnlyList<Exchange> exchanges, string source, DateTimeOffset recordedAt,
        bool keepValues, string? credential, List<string> warnings)
    {
        string Redact(string text) => string.IsNullOrEmpty(credential) ? text : text.Replace(credential, Placeholders.Text(credential), StringComparison.Ordinal);
        var recorded = new JsonArray();
        foreach (var exchange in exchanges)
        {
            var entry = new JsonObject
            {
                ["operation"] = exchange.Probe.Operation.Display,
                ["request"] = Names.Of(exchange.Probe.Mode),
            };
            if (exchange.Response is not { } response)
            {
                entry["failure"] = new JsonObject
                {
                    ["kind"] = Names.Kebab((exchange.Failure?.Kind ?? FailureKind.NotSent).ToString()),
                    ["message"] = Redact(exchange.Failure?.Message ?? "no response"),
                };
                recorded.Add(entry);
                continue;
            }

            var headers = new JsonObject();
            foreach (var name in KeptHeaders.Concat(Declared(target.Document, exchange.Probe.Operation)).Distinct(StringComparer.OrdinalIgnoreCase))
            {
                if (response.Header(name) is { } value)
                {
                    headers[name] = Redact(name == "Location" && Uri.TryCreate(value, UriKind.Absolute, out var to) ? ValueDisplay.Url(to) : value);
                }
            }

            var saved = new JsonObject { ["status"] = response.Status, ["headers"] = headers };
            if (response.Body.Length > 0)
            {
                var text = Encoding.UTF8.GetString(response.Body);
                if (Parse(text) is { } body)
                {
                    var schemaPointer = SchemaPointer(target.Document, exchange.Probe.Operation, response);
                    saved["body"] = keepValues ? Redacted(body, Redact) : Placeholders.Mask(body, target.Document, schemaPointer, Redact, warnings);
                }
                else
                {
                    saved["bodyText"] = keepValues ? Redact(text) : Placeholders.Text(text);
                }
            }

            entry["response"] = saved;
            recorded.Add(entry);
        }

        return new JsonObject
        {
            ["recording"] = Version,
            ["vendor"] = target.Vendor,
            ["variant"] = target.Variant,
            ["source"] = source,
            ["recordedAt"] = recordedAt.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
            ["values"] = keepValues ? "kept" : "placeholders",
            ["exchanges"] = recorded,
        };
    }

    /// <summary>Writes a recording to <c>&lt;folder&gt;/&lt;vendor&gt;.json</c>; returns the file.</summary>
    /// <param name="folder">The recording folder (made if missing).</param>
    /// <param name="recording">The recording.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    public static async Task<string> WriteAsync(string folder, JsonObject recording, CancellationToken cancellationToken = default)
    {
        Directory.CreateDirectory(folder);
        var file = FileOf(folder, recording["vendor"]!.GetValue<string>());
        await File.WriteAllTextAsync(file, recording.ToJsonString(ReportJson.Options) + "\n", cancellationToken).ConfigureAwait(false);
        return file;
    }

    /// <summary>The schema the body of <paramref name="response"/> is held to, or null when its status documents none.</summary>
    private static string? SchemaPointer(ContractDocument document, DocumentOperation operation, ObservedResponse response)
    {
        var at = operation.ResponsePointer(response.Status);
        var (documented, pointer) = document.Resolve(document.At(at), at);
        if (documented?["content"] is not JsonObject content || content.Count == 0)
        {
            return null;
        }

        var media = content.FirstOrDefault(c => string.Equals(c.Key, response.MediaType, StringComparison.OrdinalIgnoreCase)).Key
            ?? (content.ContainsKey("application/json") ? "application/json" : content.First().Key);
        return JsonPointer.Append(JsonPointer.Append(JsonPointer.Append(pointer, "content"), media), "schema");
    }

    /// <summary>Every header the operation's responses declare.</summary>
    private static IEnumerable<string> Declared(ContractDocument document, DocumentOperation operation) =>
        operation.Statuses()
            .Select(s => document.Resolve(document.At(operation.ResponsePointer(s)), operation.ResponsePointer(s)).Node)
            .SelectMany(r => (r?["headers"] as JsonObject ?? []).Select(h => h.Key));

    private static JsonNode? Redacted(JsonNode? node, Func<string, string> redact) => node switch
    {
        JsonObject obj => new JsonObject(obj.Select(p => KeyValuePair.Create(p.Key, Redacted(p.Value, redact)))),
        JsonArray array => new JsonArray(array.Select(i => Redacted(i, redact)).ToArray()),
        JsonValue v when v.TryGetValue<string>(out var s) => JsonValue.Create(redact(s)),
        _ => node?.DeepClone(),
    };

    private static JsonNode? Parse(string text)
    {
        try
        {
            return JsonNode.Parse(text);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
