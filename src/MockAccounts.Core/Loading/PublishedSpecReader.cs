using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.OpenApi;
using Microsoft.OpenApi.Reader;
using MockAccounts.Core.Contracts;
using MockAccounts.Core.Generation;
using MockAccounts.Core.Schemas;
using JsonPointer = MockAccounts.Core.Json.JsonPointer;

namespace MockAccounts.Core.Loading;

/// <summary>
/// Reads a vendor's published OpenAPI 3.0 or 3.1 document, JSON or YAML, as it is: Microsoft.OpenApi checks it
/// (unless a cached proof says these bytes passed before), <see cref="PublishedSpecNormalizer"/> makes its schemas
/// mean the same to the generator and the validator, and its operations, servers, security schemes, responses and
/// examples become the same contract model our own dialect builds.
/// </summary>
internal sealed class PublishedSpecReader
{
    private static readonly string[] HttpMethods = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

    private readonly Action<string, string> _fail;
    private readonly Action<string, string> _warn;
    private readonly Action<string, string> _failElsewhere;
    private readonly Action<string, string> _questioned;

    /// <param name="fail">Reports an error at a JSON pointer of the spec.</param>
    /// <param name="warn">Reports what cannot be honoured, at a JSON pointer of the spec.</param>
    /// <param name="failElsewhere">Reports an error in another file the spec refers to (its path, then the message).</param>
    /// <param name="questioned">Reports what Microsoft.OpenApi's check questions (only an unproven load checks; the proof remembers them).</param>
    public PublishedSpecReader(Action<string, string> fail, Action<string, string> warn, Action<string, string> failElsewhere, Action<string, string> questioned)
    {
        _fail = fail;
        _warn = warn;
        _failElsewhere = failElsewhere;
        _questioned = questioned;
    }

    public sealed record Result(string Title, string Json, IReadOnlyList<OperationContract> Operations, string? Summary, IReadOnlyCollection<string> Files);

    /// <summary>Reads the spec in <paramref name="bytes"/>; null after reporting why it cannot be served.</summary>
    /// <param name="path">The spec's file (relative references resolve against its folder).</param>
    /// <param name="bytes">The file's content, as hashed for its proof.</param>
    /// <param name="proven">These bytes passed before: Microsoft.OpenApi is not asked again.</param>
    public Result? Read(string path, byte[] bytes, bool proven)
    {
        var raw = SpecText.Parse(bytes, SpecText.IsYaml(path), _fail);
        if (raw is null)
        {
            return null;
        }

        var version = raw["openapi"] is JsonValue v && v.TryGetValue<string>(out var text) ? text : null;
        var openApi30 = version?.StartsWith("3.0", StringComparison.Ordinal) == true;
        if (!openApi30 && version?.StartsWith("3.1", StringComparison.Ordinal) != true)
        {
            _fail(raw.ContainsKey("swagger") ? "/swagger" : "/openapi",
                raw.ContainsKey("swagger")
                    ? $"Swagger {raw["swagger"]} (OpenAPI 2.0) is not read: convert it to OpenAPI 3.0 or 3.1 (e.g. with swagger2openapi)"
                    : $"expected an OpenAPI 3.0 or 3.1 document ('openapi': '3.0.x' or '3.1.x'), found '{version ?? "none"}'");
            return null;
        }

        if (!proven && !Checked(raw, path))
        {
            return null;
        }

        SpecText.WithNulls(raw);
        var normalizer = new PublishedSpecNormalizer(openApi30, LoadOther, _warn, _fail);
        var document = normalizer.Normalize(raw, path);
        var compiler = new SchemaCompiler(document, _fail, published: true);
        var bases = BasePaths(document["servers"], "/servers");
        var schemes = document["components"]?["securitySchemes"] as JsonObject ?? [];
        var operations = new List<OperationContract>();
        foreach (var (template, itemNode) in document["paths"] as JsonObject ?? [])
        {
            if (compiler.Resolve(itemNode) is not JsonObject item)
            {
                continue;
            }

            var itemAt = JsonPointer.Append("/paths", template);
            var itemBases = item["servers"] is JsonArray ? BasePaths(item["servers"], JsonPointer.Append(itemAt, "servers")) : bases;
            foreach (var method in HttpMethods.Where(m => item[m] is JsonObject))
            {
                var location = JsonPointer.Append(itemAt, method);
                var raw0 = item[method]!.AsObject();
                var opBases = raw0["servers"] is JsonArray ? BasePaths(raw0["servers"], JsonPointer.Append(location, "servers")) : itemBases;
                var security = Security(raw0["security"] as JsonArray ?? document["security"] as JsonArray ?? [], schemes, compiler, location);
                var parameters = Parameters(item["parameters"], raw0["parameters"], compiler, location);
                var responses = new Dictionary<int, ResponseContract>();
                ResponseContract? fallback = null;
                foreach (var (code, responseNode) in raw0["responses"] as JsonObject ?? [])
                {
                    var at = JsonPointer.Append(JsonPointer.Append(location, "responses"), code);
                    var status = Status(code);
                    if (status is null && code != "default")
                    {
                        _warn(at, $"status '{code}' is not served (expected a status code, a range such as 4XX, or default)");
                        continue;
                    }

                    var response = Response(compiler.Resolve(responseNode) as JsonObject, status ?? 0, compiler, at);
                    if (response is null)
                    {
                        continue;
                    }

                    if (status is null)
                    {
                        fallback = response;
                    }
                    else if (!code.EndsWith("XX", StringComparison.OrdinalIgnoreCase) || !responses.ContainsKey(status.Value))
                    {
                        responses[status.Value] = response;
                    }
                }

                if (responses.Count == 0 && fallback is not null)
                {
                    // Only a default response: it is what a success looks like.
                    responses[200] = fallback with { Status = 200 };
                }

                if (responses.Count == 0)
                {
                    _warn(JsonPointer.Append(location, "responses"), "no response is documented: the operation answers 204 with no body");
                    responses[204] = new ResponseContract(204, null, []);
                }

                var requestBody = RequestBody(compiler.Resolve(raw0["requestBody"]) as JsonObject, compiler, JsonPointer.Append(location, "requestBody"));
                foreach (var basePath in opBases)
                {
                    operations.Add(new OperationContract(method.ToUpperInvariant(), basePath + template, OperationRole.Documented, security, responses, null, requestBody)
                    {
                        OperationId = raw0["operationId"]?.ToString(),
                        DocumentedPath = basePath.Length == 0 ? null : template,
                        Fallback = fallback,
                        Parameters = parameters,
                    });
                }
            }
        }

        if (operations.Count == 0)
        {
            _fail("/paths", "the document has no operations to serve");
            return null;
        }

        var title = raw["info"]?["title"] is JsonValue t && t.TryGetValue<string>(out var named) ? named : Path.GetFileName(Path.GetDirectoryName(path)) ?? "";
        var summary = raw["info"]?["summary"] is JsonValue s && s.TryGetValue<string>(out var said) ? said : null;
        return new Result(title, raw.ToJsonString(), operations, summary, normalizer.Files);

        JsonObject? LoadOther(string file)
        {
            try
            {
                var content = File.ReadAllBytes(file);
                var other = SpecText.Parse(content, SpecText.IsYaml(file), (at, message) => _failElsewhere(file, $"{at}: {message}"));
                return SpecText.WithNulls(other) as JsonObject;
            }
            catch (IOException)
            {
                return null;
            }
            catch (UnauthorizedAccessException)
            {
                return null;
            }
        }
    }

    /// <summary>Microsoft.OpenApi's reading and its default rules: what it cannot read is an error, what its rules question a warning.</summary>
    private bool Checked(JsonObject raw, string path)
    {
        var settings = new OpenApiReaderSettings { LoadExternalRefs = true, BaseUrl = new Uri(Path.GetFullPath(path)) };
        settings.AddYamlReader();
        ReadResult read;
        try
        {
            read = new OpenApiJsonReader().Read(raw.DeepClone(), settings.BaseUrl, settings);
        }
        catch (Exception e) when (e is OpenApiException or InvalidOperationException or FormatException or ArgumentException)
        {
            _fail("", $"Microsoft.OpenApi cannot read the document: {e.Message}");
            return false;
        }

        // A keyword the document's version does not have (3.1's if/then in a 3.0 schema) is questioned, not fatal: the
        // normaliser honours it or warns that it does not.
        var errors = (read.Diagnostic?.Errors ?? []).Where(e => !e.Message.Contains("is not a valid property", StringComparison.Ordinal)).ToList();
        foreach (var error in errors.DistinctBy(p => (p.Pointer, p.Message)))
        {
            _fail(error.Pointer?.TrimStart('#') ?? "", error.Message);
        }

        var questioned = (read.Diagnostic?.Warnings ?? []).Concat((read.Diagnostic?.Errors ?? []).Except(errors)).ToList();
        if (read.Document is not null)
        {
            questioned.AddRange(read.Document.Validate(ValidationRuleSet.GetDefaultRuleSet()) ?? []);
        }

        foreach (var problem in questioned.DistinctBy(p => (p.Pointer, p.Message)))
        {
            _questioned(problem.Pointer?.TrimStart('#') ?? "", $"Microsoft.OpenApi: {problem.Message}");
        }

        return read.Document is not null && errors.Count == 0;
    }

    /// <summary>The paths the servers' URLs put in front of every operation (<c>https://api.example.com/v2</c>: <c>/v2</c>), variables at their defaults.</summary>
    private List<string> BasePaths(JsonNode? servers, string location)
    {
        var paths = new List<string>();
        var list = servers as JsonArray ?? [];
        for (var i = 0; i < list.Count; i++)
        {
            var url = list[i]?["url"]?.ToString() ?? "";
            foreach (var (name, variable) in list[i]?["variables"] as JsonObject ?? [])
            {
                url = url.Replace("{" + name + "}", variable?["default"]?.ToString() ?? "", StringComparison.Ordinal);
            }

            var path = Uri.TryCreate(url, UriKind.Absolute, out var absolute) && absolute.Scheme is "http" or "https" ? absolute.AbsolutePath : url.Split('?', '#')[0];
            if (path.Contains('{', StringComparison.Ordinal) || path.Contains("://", StringComparison.Ordinal))
            {
                _warn(JsonPointer.Append(JsonPointer.Append(location, i), "url"), $"'{url}' gives no usable base path: operations are served without it");
                path = "";
            }

            path = "/" + path.Trim('/');
            paths.Add(path == "/" ? "" : path);
        }

        return paths.Count == 0 ? [""] : paths.Distinct(StringComparer.Ordinal).ToList();
    }

    private static int? Status(string code)
    {
        if (int.TryParse(code, NumberStyles.None, CultureInfo.InvariantCulture, out var status) && status is >= 100 and <= 599)
        {
            return status;
        }

        // A range (4XX) is served as its round status when the operation does not list that status itself.
        return code.Length == 3 && code[0] is >= '1' and <= '5' && code[1..].Equals("XX", StringComparison.OrdinalIgnoreCase) ? (code[0] - '0') * 100 : null;
    }

    private ResponseContract? Response(JsonObject? response, int status, SchemaCompiler compiler, string at)
    {
        if (response is null)
        {
            _warn(at, "the response does not resolve: not served");
            return null;
        }

        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var required = new List<string>();
        foreach (var (name, headerNode) in response["headers"] as JsonObject ?? [])
        {
            var header = compiler.Resolve(headerNode);
            if (string.Equals(name, "Content-Type", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            if (header?["required"] is JsonValue r && r.TryGetValue<bool>(out var isRequired) && isRequired)
            {
                required.Add(name);
            }

            headers[name] = HeaderValue(header, compiler);
        }

        var content = response["content"] as JsonObject ?? [];
        var (mediaType, media) = JsonMedia(content);
        var description = response["description"]?.ToString();
        if (media is null)
        {
            if (content.Count > 0)
            {
                _warn(JsonPointer.Append(at, "content"), $"only {string.Join(", ", content.Select(c => c.Key))}: served without a body (this mock serves JSON bodies)");
            }

            return new ResponseContract(status, null, required) { Description = description, HeaderValues = headers };
        }

        var mediaAt = JsonPointer.Append(JsonPointer.Append(at, "content"), mediaType!);
        var schemaAt = JsonPointer.Append(mediaAt, "schema");
        var schemaJson = media["schema"];
        if (schemaJson is null)
        {
            _warn(mediaAt, "no schema: bodies are any JSON (generated ones are a word)");
            schemaJson = new JsonObject();
            media["schema"] = schemaJson;
        }

        var validator = compiler.Validator(schemaJson, schemaAt);
        var examples = Examples(media, compiler, mediaAt);
        return new ResponseContract(status, compiler.Compile(schemaJson, schemaAt), required)
        {
            BodyValidatorSource = validator,
            BodyCheck = compiler.Check(schemaJson),
            ContentType = mediaType!,
            Description = description,
            Examples = examples,
            HeaderValues = headers,
        };
    }

    /// <summary>The first JSON media type: <c>application/json</c>, else any <c>…+json</c> or JSON with parameters.</summary>
    private static (string? Type, JsonObject? Media) JsonMedia(JsonObject content)
    {
        foreach (var (type, media) in content.OrderBy(c => c.Key.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) ? 0 : 1))
        {
            var bare = type.Split(';')[0].Trim();
            if (media is JsonObject found && (bare.Equals("application/json", StringComparison.OrdinalIgnoreCase) || bare.EndsWith("+json", StringComparison.OrdinalIgnoreCase)))
            {
                return (bare, found);
            }
        }

        return (null, null);
    }

    private List<ResponseExample> Examples(JsonObject media, SchemaCompiler compiler, string at)
    {
        var examples = new List<ResponseExample>();
        if (media.ContainsKey("example"))
        {
            examples.Add(Example("", media["example"]));
        }

        foreach (var (name, exampleNode) in media["examples"] as JsonObject ?? [])
        {
            var example = compiler.Resolve(exampleNode);
            if (example is JsonObject obj && obj.ContainsKey("value"))
            {
                examples.Add(Example(name, obj["value"]));
            }
            else
            {
                _warn(JsonPointer.Append(JsonPointer.Append(at, "examples"), name), "only examples with a 'value' are served (externalValue is not read)");
            }
        }

        return examples;
    }

    private static ResponseExample Example(string name, JsonNode? value) =>
        new(name, value?.DeepClone(), Encoding.UTF8.GetBytes(value?.ToJsonString(BodyText) ?? "null"));

    private static readonly System.Text.Json.JsonSerializerOptions BodyText = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>A documented header's value when a scenario sets none: its example, else a value of its schema's type.</summary>
    private static string HeaderValue(JsonNode? header, SchemaCompiler compiler)
    {
        var schema = compiler.Resolve(header?["schema"]);
        var example = header?["example"] ?? schema?["example"] ?? schema?["default"] ?? (schema?["enum"] as JsonArray)?.FirstOrDefault();
        if (example is JsonValue value)
        {
            return value.TryGetValue<string>(out var text) ? text : value.ToJsonString();
        }

        var type = schema?["type"] is JsonArray types ? types.FirstOrDefault(t => t?.ToString() != "null")?.ToString() : schema?["type"]?.ToString();
        return (type, schema?["format"]?.ToString()) switch
        {
            ("integer" or "number", _) => Math.Max(1, (long?)(schema?["minimum"] as JsonValue)?.GetValue<decimal>() ?? 1).ToString(CultureInfo.InvariantCulture),
            ("boolean", _) => "true",
            (_, "date-time") => "2026-01-01T00:00:00Z",
            (_, "uuid") => "00000000-0000-4000-8000-000000000000",
            (_, "uri" or "url") => "https://example.com/",
            _ => "value",
        };
    }

    private static RequestBodyContract? RequestBody(JsonObject? body, SchemaCompiler compiler, string at)
    {
        var (mediaType, media) = JsonMedia(body?["content"] as JsonObject ?? []);
        if (media?["schema"] is not { } schema)
        {
            return null;
        }

        var schemaAt = JsonPointer.Append(JsonPointer.Append(JsonPointer.Append(at, "content"), mediaType!), "schema");
        return new RequestBodyContract(body!["required"] is JsonValue r && r.TryGetValue<bool>(out var required) && required, compiler.Compile(schema, schemaAt))
        {
            ValidatorSource = compiler.Validator(schema, schemaAt, request: true),
            BodyCheck = compiler.Check(schema, request: true),
        };
    }

    /// <summary>Path-level and operation-level parameters (the operation's win by name and place); what a request must send, and what it may.</summary>
    private List<ParameterContract> Parameters(JsonNode? pathLevel, JsonNode? operationLevel, SchemaCompiler compiler, string location)
    {
        var merged = new Dictionary<(string, string), JsonObject>();
        foreach (var list in new[] { pathLevel, operationLevel })
        {
            foreach (var parameter in (list as JsonArray ?? []).Select(compiler.Resolve).OfType<JsonObject>())
            {
                if (parameter["name"]?.ToString() is { } name && parameter["in"]?.ToString() is { } place)
                {
                    merged[(place, place == "header" ? name.ToLowerInvariant() : name)] = parameter;
                }
            }
        }

        var result = new List<ParameterContract>();
        foreach (var ((place, _), parameter) in merged)
        {
            var name = parameter["name"]!.ToString();
            var required = place == "path" || (parameter["required"] is JsonValue r && r.TryGetValue<bool>(out var isRequired) && isRequired);
            var schema = compiler.Resolve(parameter["schema"]) as JsonObject;
            result.Add(new ParameterContract(name, place, required, ScalarCheck(schema, compiler)));
        }

        if (result.Any(p => p.In == "cookie" && p.Required))
        {
            _warn(JsonPointer.Append(location, "parameters"), "required cookie parameters are not checked");
        }

        return result;
    }

    /// <summary>
    /// A check of a parameter's text against a scalar schema (type, enum, bounds, lengths, pattern); null, accepting
    /// anything, for other schemas (arrays and objects are serialised in styles this mock does not parse).
    /// </summary>
    private static Func<string, bool>? ScalarCheck(JsonObject? schema, SchemaCompiler compiler)
    {
        if (schema is null || schema.ContainsKey("allOf") || schema.ContainsKey("oneOf") || schema.ContainsKey("anyOf"))
        {
            return null;
        }

        var type = schema["type"] is JsonArray types ? types.Select(t => t?.ToString()).FirstOrDefault(t => t != "null") : schema["type"]?.ToString();
        var enumValues = (schema["enum"] as JsonArray)?.Select(v => v is JsonValue value && value.TryGetValue<string>(out var s) ? s : v?.ToJsonString()).ToHashSet(StringComparer.Ordinal);
        var minimum = (schema["minimum"] as JsonValue)?.GetValue<decimal>();
        var maximum = (schema["maximum"] as JsonValue)?.GetValue<decimal>();
        var pattern = schema["pattern"] is JsonValue p && p.TryGetValue<string>(out var regex) ? SafeRegex(regex) : null;
        if (type is "array" or "object")
        {
            return null;
        }

        return value =>
        {
            if (enumValues is not null && !enumValues.Contains(value))
            {
                return false;
            }

            switch (type)
            {
                case "integer":
                    return long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var whole) && whole >= (minimum ?? long.MinValue) && whole <= (maximum ?? long.MaxValue);
                case "number":
                    return decimal.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && number >= (minimum ?? decimal.MinValue) && number <= (maximum ?? decimal.MaxValue);
                case "boolean":
                    return value is "true" or "false";
                default:
                    return pattern?.IsMatch(value) ?? true;
            }
        };
    }

    private static Regex? SafeRegex(string pattern)
    {
        try
        {
            return new Regex(pattern, RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(100));
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    /// <summary>Each alternative security requirement as the credentials it needs; <c>{}</c> is an alternative that needs none.</summary>
    private List<IReadOnlyList<CredentialLocation>> Security(JsonArray requirements, JsonObject schemes, SchemaCompiler compiler, string location)
    {
        var alternatives = new List<IReadOnlyList<CredentialLocation>>();
        var dropped = new List<string>();
        foreach (var requirement in requirements.OfType<JsonObject>())
        {
            var credentials = new List<CredentialLocation>();
            var usable = true;
            foreach (var (name, _) in requirement)
            {
                var credential = Credential(name, compiler.Resolve(schemes[name]) as JsonObject);
                if (credential is null)
                {
                    usable = false;
                    dropped.Add(name);
                    break;
                }

                credentials.Add(credential);
            }

            if (usable)
            {
                alternatives.Add(credentials);
            }
        }

        if (dropped.Count > 0)
        {
            _warn(JsonPointer.Append(location, "security"), alternatives.Count > 0
                ? $"security scheme(s) {string.Join(", ", dropped.Distinct().Select(d => $"'{d}'"))} cannot be checked (supported: apiKey in a header, query or cookie; http bearer or basic; oauth2 and openIdConnect as bearer): only the other alternatives are accepted"
                : $"security scheme(s) {string.Join(", ", dropped.Distinct().Select(d => $"'{d}'"))} cannot be checked (supported: apiKey in a header, query or cookie; http bearer or basic; oauth2 and openIdConnect as bearer): the operation answers without credentials");
            if (alternatives.Count == 0)
            {
                alternatives.Add([]);
            }
        }

        return alternatives;
    }

    private static CredentialLocation? Credential(string name, JsonObject? scheme)
    {
        var type = scheme?["type"]?.ToString();
        var httpScheme = scheme?["scheme"]?.ToString()?.ToLowerInvariant();
        var keyName = scheme?["name"]?.ToString();
        return (type, httpScheme, scheme?["in"]?.ToString()) switch
        {
            ("http", "bearer", _) or ("oauth2", _, _) or ("openIdConnect", _, _) => new CredentialLocation(CredentialKind.Bearer, "Authorization"),
            ("http", "basic", _) => new CredentialLocation(CredentialKind.Basic, "Authorization"),
            ("apiKey", _, "header") when !string.IsNullOrEmpty(keyName) => new CredentialLocation(CredentialKind.ApiKeyHeader, keyName),
            ("apiKey", _, "query") when !string.IsNullOrEmpty(keyName) => new CredentialLocation(CredentialKind.ApiKeyQuery, keyName),
            ("apiKey", _, "cookie") when !string.IsNullOrEmpty(keyName) => new CredentialLocation(CredentialKind.ApiKeyCookie, keyName),
            _ => null,
        };
    }
}
