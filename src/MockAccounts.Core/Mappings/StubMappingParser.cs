using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace MockAccounts.Core.Mappings;

/// <summary>
/// Reads WireMock's JSON stub mapping format, the subset real mapping files use. Anything outside it is
/// refused, naming the field and what is supported, so a mapping never silently means less than it says.
/// </summary>
public static class StubMappingParser
{
    /// <summary>Top-level fields understood here (<c>insertionIndex</c>, which WireMock writes into saved mappings, is accepted and ignored).</summary>
    public static readonly IReadOnlyList<string> Fields =
        ["id", "uuid", "name", "request", "response", "priority", "scenarioName", "requiredScenarioState", "newScenarioState", "metadata", "persistent", "insertionIndex"];

    /// <summary>The <c>response</c> fields understood here; any other is refused rather than silently ignored.</summary>
    public static readonly IReadOnlyList<string> ResponseFields =
        ["status", "statusMessage", "headers", "body", "jsonBody", "base64Body", "bodyFileName", "fixedDelayMilliseconds", "delayDistribution", "fault", "transformers"];

    /// <summary>The WireMock <c>fault</c> values a stub may use.</summary>
    public static readonly IReadOnlyList<string> Faults = ["CONNECTION_RESET_BY_PEER", "EMPTY_RESPONSE", "MALFORMED_RESPONSE_CHUNK", "RANDOM_DATA_THEN_CLOSE"];

    private const string Templating = "response-template";

    private static readonly string[] BodyFields = ["body", "jsonBody", "base64Body", "bodyFileName"];
    private static readonly string[] UniformFields = ["type", "lower", "upper"];
    private static readonly string[] LognormalFields = ["type", "median", "sigma"];

    /// <summary>Parses one mapping; <paramref name="bodyFile"/> reads a <c>bodyFileName</c> from <c>__files/</c> (null: not there).</summary>
    /// <param name="json">The mapping as WireMock's JSON.</param>
    /// <param name="bodyFile">Reads a body file by its name under <c>__files/</c>.</param>
    /// <param name="problems">Receives every reason the mapping is refused.</param>
    /// <param name="limits">Bounds templates when the mapping is made (mappings made through the admin API); null: no bound (mapping files).</param>
    public static StubMapping? Parse(JsonNode? json, Func<string, byte[]?> bodyFile, List<string> problems, TemplateLimits? limits = null)
    {
        if (json is not JsonObject mapping)
        {
            problems.Add("expected a stub mapping object with \"request\" and \"response\"");
            return null;
        }

        var before = problems.Count;
        foreach (var key in mapping.Select(p => p.Key).Where(k => !Fields.Contains(k)))
        {
            problems.Add($"{key}: not supported (supported mapping fields: {string.Join(", ", Fields.Take(Fields.Count - 1))})");
        }

        var id = Id(mapping, problems);
        var request = RequestMatcher.Parse(mapping["request"], problems, "request");
        var response = ParseResponse(mapping["response"], bodyFile, problems, limits);
        var priority = mapping["priority"] is null ? StubMapping.DefaultPriority : Integer(mapping["priority"], "priority", 1, int.MaxValue, problems);
        var name = OptionalText(mapping, "name", problems);
        var scenario = OptionalText(mapping, "scenarioName", problems);
        var required = OptionalText(mapping, "requiredScenarioState", problems);
        var next = OptionalText(mapping, "newScenarioState", problems);
        if (scenario is null && (required ?? next) is not null)
        {
            problems.Add($"{(required is null ? "newScenarioState" : "requiredScenarioState")}: needs a scenarioName");
        }

        var metadata = mapping["metadata"];
        if (metadata is not null and not JsonObject)
        {
            problems.Add("metadata: expected an object");
        }

        var persistent = mapping["persistent"];
        if (persistent is not null && persistent.GetValueKind() is not (JsonValueKind.True or JsonValueKind.False))
        {
            problems.Add("persistent: expected true or false");
        }

        if (problems.Count > before || request is null || response is null)
        {
            return null;
        }

        var shown = (JsonObject)mapping.DeepClone();
        shown.Remove("insertionIndex");
        if (shown["response"] is JsonObject shownResponse && !shownResponse.ContainsKey("status"))
        {
            // WireMock shows the default status.
            shownResponse["status"] = 200;
        }

        shown["id"] = id.ToString();
        shown["uuid"] = id.ToString();
        return new StubMapping(id, name, priority, request, response, scenario, required, next, metadata as JsonObject, persistent?.GetValueKind() == JsonValueKind.True, shown);
    }

    private static Guid Id(JsonObject mapping, List<string> problems)
    {
        Guid? found = null;
        foreach (var key in new[] { "id", "uuid" })
        {
            if (mapping[key] is not { } node)
            {
                continue;
            }

            if (node.GetValueKind() != JsonValueKind.String || !Guid.TryParse(node.GetValue<string>(), out var guid))
            {
                problems.Add($"{key}: expected a UUID such as \"{Guid.Empty}\"");
                continue;
            }

            if (found is { } other && other != guid)
            {
                problems.Add("uuid: differs from id (give one, or the same value twice)");
            }

            found = guid;
        }

        return found ?? Guid.NewGuid();
    }

    private static StubResponse? ParseResponse(JsonNode? json, Func<string, byte[]?> bodyFile, List<string> problems, TemplateLimits? limits)
    {
        if (json is not JsonObject response)
        {
            problems.Add("response: expected an object such as {\"status\": 200, \"body\": \"…\"}");
            return null;
        }

        var before = problems.Count;
        foreach (var key in response.Select(p => p.Key).Where(k => !ResponseFields.Contains(k)))
        {
            problems.Add($"response.{key}: not supported (supported response fields: {string.Join(", ", ResponseFields)})");
        }

        var templated = Transformers(response["transformers"], problems);
        var status = response["status"] is null ? 200 : Integer(response["status"], "response.status", 100, 599, problems);
        var message = OptionalText(response, "statusMessage", problems, "response.");
        var headers = Headers(response["headers"], problems);
        var bodies = BodyFields.Where(response.ContainsKey).ToArray();
        if (bodies.Length > 1)
        {
            problems.Add($"response.{bodies[1]}: only one of body, jsonBody, base64Body, bodyFileName may be given (found {string.Join(", ", bodies)})");
        }

        var body = Body(response, bodies.FirstOrDefault(), bodyFile, problems);
        var delay = Delay(response, problems);
        StubFault? fault = null;
        if (response["fault"] is { } faultNode)
        {
            var index = faultNode.GetValueKind() == JsonValueKind.String ? Faults.ToList().IndexOf(faultNode.GetValue<string>()) : -1;
            if (index < 0)
            {
                problems.Add($"response.fault: '{faultNode.ToJsonString()}' is not supported (supported: {string.Join(", ", Faults)})");
            }
            else
            {
                fault = (StubFault)index;
            }
        }

        if (problems.Count > before)
        {
            return null;
        }

        StubTemplate? bodyTemplate = null;
        List<KeyValuePair<string, StubTemplate>>? headerTemplates = null;
        if (templated && limits is not null)
        {
            // Compiling costs time and memory in proportion to the text: a template too large is refused before it is compiled.
            var chars = (bodies.FirstOrDefault() == "base64Body" ? 0 : Encoding.UTF8.GetCharCount(body)) + headers.Sum(h => h.Value.Length);
            if (chars > limits.MaxTemplateChars)
            {
                problems.Add($"response: the response template has {chars} characters, more than {limits.MaxTemplateChars} ({limits.MaxTemplateCharsSetting})");
                return null;
            }
        }

        if (templated)
        {
            bodyTemplate = body.Length == 0 || bodies.FirstOrDefault() == "base64Body" ? null : StubTemplate.Compile(Encoding.UTF8.GetString(body), "response.body", problems);
            headerTemplates = [];
            foreach (var (name, value) in headers)
            {
                if (StubTemplate.Compile(value, $"response.headers.{name}", problems) is { } template)
                {
                    headerTemplates.Add(KeyValuePair.Create(name, template));
                }
            }
        }

        return problems.Count > before ? null : new StubResponse(status, message, headers, body, bodyTemplate, headerTemplates, delay, fault);
    }

    private static bool Transformers(JsonNode? json, List<string> problems)
    {
        if (json is null)
        {
            return false;
        }

        if (json is not JsonArray names || names.Any(n => n?.GetValueKind() != JsonValueKind.String))
        {
            problems.Add($"response.transformers: expected an array of names (supported: \"{Templating}\")");
            return false;
        }

        foreach (var name in names.Select(n => n!.GetValue<string>()).Where(n => n != Templating))
        {
            problems.Add($"response.transformers: '{name}' is not supported (supported: \"{Templating}\")");
        }

        return names.Count > 0;
    }

    private static List<KeyValuePair<string, string>> Headers(JsonNode? json, List<string> problems)
    {
        var headers = new List<KeyValuePair<string, string>>();
        if (json is null)
        {
            return headers;
        }

        if (json is not JsonObject byName)
        {
            problems.Add("response.headers: expected an object of header name to a string or an array of strings");
            return headers;
        }

        foreach (var (name, value) in byName)
        {
            var values = value switch
            {
                JsonValue v when v.GetValueKind() == JsonValueKind.String => [v.GetValue<string>()],
                JsonArray a when a.All(i => i?.GetValueKind() == JsonValueKind.String) => a.Select(i => i!.GetValue<string>()).ToArray(),
                _ => null,
            };
            if (values is null)
            {
                problems.Add($"response.headers.{name}: expected a string or an array of strings");
                continue;
            }

            if (HeaderText.NameProblem(name) is { } badName)
            {
                problems.Add($"response.headers: '{EscapeName(name)}' is not a header name ({badName})");
                continue;
            }

            // Refused now, not when every matching request fails: Kestrel cannot send these.
            if (values.Select(HeaderText.Problem).FirstOrDefault(p => p is not null) is { } badValue)
            {
                problems.Add($"response.headers.{name}: a header value cannot hold {badValue}");
                continue;
            }

            headers.AddRange(values.Select(v => KeyValuePair.Create(name, v)));
        }

        return headers;
    }

    private static byte[] Body(JsonObject response, string? kind, Func<string, byte[]?> bodyFile, List<string> problems)
    {
        var node = kind is null ? null : response[kind];
        switch (kind)
        {
            case null:
                return [];
            case "jsonBody":
                return Encoding.UTF8.GetBytes(node?.ToJsonString() ?? "null");
        }

        if (node?.GetValueKind() != JsonValueKind.String)
        {
            problems.Add($"response.{kind}: expected a string");
            return [];
        }

        var text = node.GetValue<string>();
        switch (kind)
        {
            case "base64Body":
                try
                {
                    return Convert.FromBase64String(text);
                }
                catch (FormatException)
                {
                    problems.Add("response.base64Body: not valid base64");
                    return [];
                }

            case "bodyFileName":
                if (text.Any(char.IsControl))
                {
                    problems.Add($"response.bodyFileName: must not hold control characters (found U+{(int)text.First(char.IsControl):X4})");
                    return [];
                }

                if (text.Length == 0 || Path.IsPathRooted(text) || text.Split('/', '\\').Contains(".."))
                {
                    problems.Add($"response.bodyFileName: '{text}' must be a relative path inside __files/");
                    return [];
                }

                byte[]? bytes;
                try
                {
                    bytes = bodyFile(text);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
                {
                    problems.Add($"response.bodyFileName: '{text}' cannot be read ({e.Message})");
                    return [];
                }

                if (bytes is not null)
                {
                    return bytes;
                }

                problems.Add($"response.bodyFileName: '{text}' is not in any __files/ folder");
                return [];
            default:
                return Encoding.UTF8.GetBytes(text);
        }
    }

    private static StubDelay Delay(JsonObject response, List<string> problems)
    {
        var fixedMs = response["fixedDelayMilliseconds"] is { } f ? Integer(f, "response.fixedDelayMilliseconds", 0, 600_000, problems) : 0;
        if (response["delayDistribution"] is not { } json)
        {
            return fixedMs == 0 ? StubDelay.None : new StubDelay(fixedMs);
        }

        var type = json is JsonObject d && d["type"]?.GetValueKind() == JsonValueKind.String ? d["type"]!.GetValue<string>() : null;
        var (first, second, allowed) = type switch
        {
            "uniform" => ("lower", "upper", UniformFields),
            "lognormal" => ("median", "sigma", LognormalFields),
            _ => (null, null, Array.Empty<string>()),
        };
        if (first is null)
        {
            problems.Add("response.delayDistribution: expected {\"type\": \"uniform\", \"lower\", \"upper\"} or {\"type\": \"lognormal\", \"median\", \"sigma\"}");
            return StubDelay.None;
        }

        var distribution = (JsonObject)json;
        foreach (var key in distribution.Select(p => p.Key).Where(k => !allowed.Contains(k)))
        {
            problems.Add($"response.delayDistribution.{key}: not supported for {type} (supported: {string.Join(", ", allowed)})");
        }

        var a = Number(distribution[first], $"response.delayDistribution.{first}", problems);
        var b = Number(distribution[second!], $"response.delayDistribution.{second}", problems);
        if (type == "uniform" && b < a)
        {
            problems.Add("response.delayDistribution.upper: must not be below lower");
        }

        return new StubDelay(fixedMs, type, a, b);
    }

    /// <summary>A header name as a message may show it: control characters escaped.</summary>
    private static string EscapeName(string name) => string.Concat(name.Select(c => char.IsControl(c) ? $"\\u{(int)c:x4}" : c.ToString()));

    private static int Integer(JsonNode? node, string at, int min, int max, List<string> problems)
    {
        if (node is JsonValue v && v.GetValueKind() == JsonValueKind.Number && v.TryGetValue<int>(out var value) && value >= min && value <= max)
        {
            return value;
        }

        problems.Add($"{at}: expected a whole number from {min} to {max}");
        return min;
    }

    private static double Number(JsonNode? node, string at, List<string> problems)
    {
        if (node is JsonValue v && v.GetValueKind() == JsonValueKind.Number && v.GetValue<double>() is >= 0 and <= 600_000 and var value)
        {
            return value;
        }

        problems.Add($"{at}: expected a number from 0 to 600000");
        return 0;
    }

    private static string? OptionalText(JsonObject json, string key, List<string> problems, string prefix = "")
    {
        if (json[key] is not { } node)
        {
            return null;
        }

        if (node.GetValueKind() == JsonValueKind.String)
        {
            return node.GetValue<string>();
        }

        problems.Add($"{prefix}{key}: expected a string");
        return null;
    }
}
