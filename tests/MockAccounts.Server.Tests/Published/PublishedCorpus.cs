using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using MockAccounts.Tests.Support;
using SharpYaml;
using SharpYaml.Serialization;

namespace MockAccounts.Server.Tests.Published;

/// <summary>
/// The published specs under tests/published-specs, read by the tests themselves (not by the mock's loader):
/// YAML through SharpYaml's representation model, each operation with the path the spec's first server puts it at.
/// </summary>
public static partial class PublishedCorpus
{
    public static string Folder => Path.Combine(Repository.Root, "tests", "published-specs");

    public static IReadOnlyList<string> Vendors { get; } = ["petstore", "tictactoe", "ultravox"];

    private static readonly Dictionary<string, JsonObject> Specs = new(StringComparer.Ordinal);

    /// <summary>One operation as the spec writes it.</summary>
    public sealed record Operation(string Vendor, string Method, string Template, string ServedPath, JsonObject Raw, JsonObject PathItem)
    {
        public override string ToString() => $"{Vendor} {Method} {ServedPath}";
    }

    public static JsonObject Spec(string vendor)
    {
        lock (Specs)
        {
            if (!Specs.TryGetValue(vendor, out var spec))
            {
                var folder = Path.Combine(Folder, "schemas", vendor);
                var file = Directory.GetFiles(folder, "openapi.*").Single();
                var text = File.ReadAllText(file);
                spec = file.EndsWith(".json", StringComparison.Ordinal) ? JsonNode.Parse(text)!.AsObject() : (JsonObject)FromYaml(text);
                Specs[vendor] = spec;
            }

            return spec;
        }
    }

    public static bool IsOpenApi30(string vendor) => Spec(vendor)["openapi"]!.ToString().StartsWith("3.0", StringComparison.Ordinal);

    public static IEnumerable<Operation> Operations(string? method = null)
    {
        foreach (var vendor in Vendors)
        {
            var spec = Spec(vendor);
            var basePath = BasePath(spec);
            foreach (var (template, item) in spec["paths"]!.AsObject())
            {
                foreach (var (verb, raw) in item!.AsObject())
                {
                    if (raw is JsonObject op && op.ContainsKey("responses") && (method is null || verb == method))
                    {
                        yield return new Operation(vendor, verb.ToUpperInvariant(), template, basePath + template, op, item.AsObject());
                    }
                }
            }
        }
    }

    /// <summary>The spec's JSON at a local reference (<c>#/components/...</c>), following references.</summary>
    public static JsonNode? Resolve(string vendor, JsonNode? node)
    {
        while (node?["$ref"] is JsonValue reference)
        {
            node = Spec(vendor);
            foreach (var segment in reference.ToString().TrimStart('#').Split('/', StringSplitOptions.RemoveEmptyEntries))
            {
                node = node?[segment.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal)];
            }
        }

        return node;
    }

    /// <summary>The operation's URL with its path and required query parameters filled in with values of their schemas.</summary>
    public static string Url(Operation operation)
    {
        var parameters = Parameters(operation);
        var path = PathParameter().Replace(operation.ServedPath, m => Uri.EscapeDataString(SampleValue(operation.Vendor, parameters.GetValueOrDefault(("path", m.Groups[1].Value)))));
        var query = parameters.Where(p => p.Key.In == "query" && p.Value["required"]?.GetValue<bool>() == true)
            .Select(p => $"{Uri.EscapeDataString(p.Key.Name)}={Uri.EscapeDataString(SampleValue(operation.Vendor, p.Value))}").ToArray();
        return query.Length == 0 ? path : $"{path}?{string.Join('&', query)}";
    }

    /// <summary>Credentials the operation's first security requirement asks for, as headers (and query parameters added to the URL).</summary>
    public static (string Url, IReadOnlyList<KeyValuePair<string, string>> Headers) Credentials(Operation operation, string url, string token)
    {
        var spec = Spec(operation.Vendor);
        var requirement = (operation.Raw["security"] ?? spec["security"]) as JsonArray;
        var headers = new List<KeyValuePair<string, string>>();
        foreach (var (name, _) in requirement?.OfType<JsonObject>().FirstOrDefault() ?? [])
        {
            var scheme = Resolve(operation.Vendor, spec["components"]!["securitySchemes"]![name])!;
            switch (scheme["type"]!.ToString(), scheme["in"]?.ToString(), scheme["scheme"]?.ToString().ToLowerInvariant())
            {
                case ("apiKey", "header", _):
                    headers.Add(new(scheme["name"]!.ToString(), token));
                    break;
                case ("apiKey", "query", _):
                    url += (url.Contains('?', StringComparison.Ordinal) ? "&" : "?") + $"{scheme["name"]}={token}";
                    break;
                case ("apiKey", "cookie", _):
                    headers.Add(new("Cookie", $"{scheme["name"]}={token}"));
                    break;
                case ("http", _, "basic"):
                    headers.Add(new("Authorization", "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{token}:secret"))));
                    break;
                default:
                    headers.Add(new("Authorization", "Bearer " + token));
                    break;
            }
        }

        return (url, headers);
    }

    /// <summary>The operation's documented statuses (numeric ones).</summary>
    public static IEnumerable<int> Statuses(Operation operation) =>
        operation.Raw["responses"]!.AsObject().Select(r => r.Key).Where(k => int.TryParse(k, out _)).Select(k => int.Parse(k, CultureInfo.InvariantCulture));

    /// <summary>The JSON schema of a status's body (first JSON media type), or null when it documents no JSON body.</summary>
    public static JsonNode? BodySchema(Operation operation, int status)
    {
        var response = Resolve(operation.Vendor, operation.Raw["responses"]![status.ToString(CultureInfo.InvariantCulture)]);
        var content = response?["content"] as JsonObject ?? [];
        var json = content.FirstOrDefault(c => c.Key.Split(';')[0] is "application/json" || c.Key.Split(';')[0].EndsWith("+json", StringComparison.Ordinal));
        return json.Value?["schema"];
    }

    private static Dictionary<(string In, string Name), JsonObject> Parameters(Operation operation)
    {
        var found = new Dictionary<(string, string), JsonObject>();
        foreach (var list in new[] { operation.PathItem["parameters"], operation.Raw["parameters"] })
        {
            foreach (var parameter in (list as JsonArray ?? []).Select(p => Resolve(operation.Vendor, p)).OfType<JsonObject>())
            {
                found[(parameter["in"]!.ToString(), parameter["name"]!.ToString())] = parameter;
            }
        }

        return found;
    }

    private static string SampleValue(string vendor, JsonObject? parameter)
    {
        var schema = Resolve(vendor, parameter?["schema"]) as JsonObject;
        if (schema?["enum"] is JsonArray values && values.Count > 0)
        {
            return values[0]!.ToString();
        }

        if (schema?["items"]?["enum"] is JsonArray itemValues && itemValues.Count > 0)
        {
            return itemValues[0]!.ToString();
        }

        return (schema?["type"]?.ToString(), schema?["format"]?.ToString()) switch
        {
            ("integer" or "number", _) => "1",
            ("boolean", _) => "true",
            (_, "uuid") => "3f2b7d2e-0c1a-4e55-9b1f-6a7c2d9e8f01",
            _ => "abc",
        };
    }

    private static string BasePath(JsonObject spec)
    {
        var url = spec["servers"]?[0]?["url"]?.ToString() ?? "";
        var path = Uri.TryCreate(url, UriKind.Absolute, out var absolute) ? absolute.AbsolutePath : url;
        path = path.TrimEnd('/');
        return path == "/" ? "" : path;
    }

    /// <summary>YAML 1.2's core schema: plain scalars that read as null, booleans or numbers are those; quoted ones are strings.</summary>
    private static JsonNode FromYaml(string text)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(text));
        return Convert(stream.Documents[0].RootNode)!;

        static JsonNode? Convert(YamlNode node) => node switch
        {
            YamlMappingNode map => new JsonObject(map.Children.Select(c => KeyValuePair.Create(((YamlScalarNode)c.Key).Value!, Convert(c.Value)))),
            YamlSequenceNode list => new JsonArray(list.Children.Select(Convert).ToArray()),
            YamlScalarNode scalar when scalar.Style is ScalarStyle.Plain => Plain(scalar.Value ?? ""),
            YamlScalarNode scalar => JsonValue.Create(scalar.Value),
            _ => throw new NotSupportedException(node.GetType().Name),
        };

        static JsonNode? Plain(string value) => value switch
        {
            "" or "~" or "null" or "Null" or "NULL" => null,
            "true" or "True" or "TRUE" => JsonValue.Create(true),
            "false" or "False" or "FALSE" => JsonValue.Create(false),
            _ when IntegerText().IsMatch(value) => JsonValue.Create(long.Parse(value, CultureInfo.InvariantCulture)),
            _ when FloatText().IsMatch(value) => JsonValue.Create(decimal.Parse(value, NumberStyles.Float, CultureInfo.InvariantCulture)),
            _ => JsonValue.Create(value),
        };
    }

    [GeneratedRegex(@"\{([^}]+)\}")]
    private static partial Regex PathParameter();

    [GeneratedRegex(@"^[-+]?[0-9]+$")]
    private static partial Regex IntegerText();

    [GeneratedRegex(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")]
    private static partial Regex FloatText();
}
