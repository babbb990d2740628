using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.OpenApi;
using Microsoft.OpenApi.Reader;
using MockAccounts.Core.Contracts;
using MockAccounts.Core.Schemas;
using JsonPointer = MockAccounts.Core.Json.JsonPointer;

namespace MockAccounts.Core.Loading;

/// <summary>
/// Reads one OpenAPI 3.1 document: Microsoft.OpenApi checks it (unless a cached proof says these bytes
/// passed before); operations, security, headers and the body schemas are read from its JSON.
/// </summary>
internal sealed class OpenApiContractReader
{
    private const string CredentialExtension = "x-mock-credential";

    /// <summary>The operation keys of an OpenAPI 3.1 path item, in the specification's order.</summary>
    private static readonly string[] HttpMethods = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

    private readonly Action<string, string> _fail;

    public OpenApiContractReader(Action<string, string> fail) => _fail = fail;

    public sealed record Result(string Title, string Text, IReadOnlyList<OperationContract> Operations, string? Summary);

    /// <summary>Reads the document in <paramref name="bytes"/>; null after reporting its problems.</summary>
    /// <param name="path">The openapi.json file (its folder names a document without a title).</param>
    /// <param name="bytes">The file's content, as hashed for its proof.</param>
    /// <param name="proven">
    /// The document's exact bytes passed this check before (a cached proof): Microsoft.OpenApi is not asked
    /// again, which spares a start its parse (the slowest step of a cached load).
    /// </param>
    public Result? Read(string path, byte[] bytes, bool proven)
    {
        var (text, root) = JsonFile.Parse(bytes, _fail);
        if (root is null || (!proven && !IsValidOpenApi31(text, root)))
        {
            return null;
        }

        // Operations, security and headers are read from the same JSON Microsoft.OpenApi has checked, so a
        // proven start and a checked one build the same contract.
        var compiler = new SchemaCompiler(root, _fail);
        var operations = new List<OperationContract>();
        foreach (var (template, itemNode) in root["paths"] as JsonObject ?? [])
        {
            if (compiler.Resolve(itemNode) is not JsonObject item)
            {
                continue;
            }

            foreach (var method in HttpMethods.Where(m => item[m] is JsonObject))
            {
                var location = JsonPointer.Append(JsonPointer.Append("/paths", template), method);
                var raw = item[method]!.AsObject();
                var security = raw["security"] as JsonArray ?? root["security"] as JsonArray ?? [];
                var built = Operation(method.ToUpperInvariant(), template, raw, security, compiler, location, root);
                if (built is not null)
                {
                    operations.Add(built);
                }
            }
        }

        var accounts = operations.Count(o => o.Role == OperationRole.Account);
        if (accounts != 1)
        {
            _fail("/paths", $"expected exactly one operation with \"x-mock\": {{\"role\": \"account\"}}, found {accounts}");
            return null;
        }

        var title = root["info"]?["title"] is JsonValue t && t.TryGetValue<string>(out var named) ? named : Path.GetFileName(Path.GetDirectoryName(path)) ?? "";
        var summary = root["info"]?["summary"] is JsonValue s && s.TryGetValue<string>(out var said) ? said : null;
        return new Result(title, text, operations, summary);
    }

    /// <summary>Microsoft.OpenApi's reading and its default rule set, each problem reported; and the version must be 3.1.</summary>
    private bool IsValidOpenApi31(string text, JsonObject root)
    {
        var read = OpenApiDocument.Parse(text, "json", new OpenApiReaderSettings());
        var problems = (read.Diagnostic?.Errors ?? []).Concat(read.Diagnostic?.Warnings ?? []).ToList();
        if (read.Document is not null)
        {
            problems.AddRange(read.Document.Validate(ValidationRuleSet.GetDefaultRuleSet()) ?? []);
        }

        foreach (var problem in problems.DistinctBy(p => (p.Pointer, p.Message)))
        {
            _fail(problem.Pointer?.TrimStart('#') ?? "", problem.Message);
        }

        if (read.Diagnostic?.SpecificationVersion != OpenApiSpecVersion.OpenApi3_1)
        {
            _fail("/openapi", $"expected an OpenAPI 3.1 document, found '{root["openapi"]}'");
            return false;
        }

        return problems.Count == 0 && read.Document is not null;
    }

    private OperationContract? Operation(
        string method, string template, JsonObject raw, JsonArray security, SchemaCompiler compiler, string location, JsonObject root)
    {
        var mock = raw["x-mock"] as JsonObject;
        var role = mock?["role"]?.ToString() switch
        {
            "account" => OperationRole.Account,
            "action" => OperationRole.Action,
            var other => Fail<OperationRole?>(JsonPointer.Append(location, "x-mock"), $"expected \"role\": \"account\" or \"action\", found {other ?? "none"}"),
        };
        var credentials = security.OfType<JsonObject>()
            .Select(r => (IReadOnlyList<CredentialLocation>)r.Select(k => Credential(k.Key, location, root, compiler)).OfType<CredentialLocation>().ToArray())
            .ToArray();
        if (credentials.Length == 0)
        {
            _fail(location, "no security requirement: every account endpoint needs credentials");
        }

        var responses = new Dictionary<int, ResponseContract>();
        foreach (var (code, responseNode) in raw["responses"] as JsonObject ?? [])
        {
            var at = JsonPointer.Append(JsonPointer.Append(location, "responses"), code);
            if (!int.TryParse(code, NumberStyles.None, CultureInfo.InvariantCulture, out var status))
            {
                _fail(at, $"status '{code}' is not supported (expected a numeric status code)");
                continue;
            }

            var response = compiler.Resolve(responseNode);
            var schemaJson = response?["content"]?["application/json"]?["schema"];
            var schemaAt = JsonPointer.Append(JsonPointer.Append(JsonPointer.Append(at, "content"), "application/json"), "schema");
            var required = (response?["headers"] as JsonObject ?? [])
                .Where(h => IsTrue(compiler.Resolve(h.Value)?["required"])).Select(h => h.Key).ToArray();
            responses[status] = new ResponseContract(
                status,
                schemaJson is null ? null : compiler.Compile(schemaJson, schemaAt),
                required)
            {
                BodyValidatorSource = schemaJson is null ? null : compiler.Validator(schemaJson, schemaAt),
                BodyCheck = schemaJson is null ? null : compiler.Check(schemaJson),
            };
        }

        var requestBodyNode = compiler.Resolve(raw["requestBody"]);
        var requestSchema = requestBodyNode?["content"]?["application/json"]?["schema"];
        var requestAt = JsonPointer.Append(location, "requestBody");
        var requestBody = requestSchema is null ? null : new RequestBodyContract(
            IsTrue(requestBodyNode?["required"]),
            compiler.Compile(requestSchema, requestAt))
        {
            ValidatorSource = compiler.Validator(requestSchema, requestAt, request: true),
            BodyCheck = compiler.Check(requestSchema),
        };
        var action = role == OperationRole.Action ? Action(mock!, responses, JsonPointer.Append(location, "x-mock")) : null;
        return role is null ? null : new OperationContract(method, template, role.Value, credentials, responses, action, requestBody);
    }

    private static bool IsTrue(JsonNode? node) => node is JsonValue v && v.TryGetValue<bool>(out var b) && b;

    private ActionSpec? Action(JsonObject mock, Dictionary<int, ResponseContract> responses, string location)
    {
        foreach (var key in mock.Select(p => p.Key).Except(["role", "status", "set", "mergeBody", "respond"]))
        {
            _fail(JsonPointer.Append(location, key), $"unknown key '{key}' (expected role, status, set, mergeBody, respond)");
        }

        var status = mock["status"] is JsonValue s && s.TryGetValue<int>(out var code) ? code : 0;
        if (!responses.ContainsKey(status))
        {
            _fail(JsonPointer.Append(location, "status"), $"expected the success status, one of the documented responses ({string.Join(", ", responses.Keys)})");
        }

        var set = (mock["set"] as JsonObject ?? []).ToDictionary(p => p.Key, p => p.Value?.DeepClone(), StringComparer.Ordinal);
        foreach (var pointer in set.Keys.Where(p => !JsonPointer.IsValid(p) || p.Length == 0))
        {
            _fail(JsonPointer.Append(location, "set"), $"'{pointer}' is not a JSON pointer into the account body");
        }

        var respond = mock["respond"]?.ToString();
        if (respond is not (null or "account"))
        {
            _fail(JsonPointer.Append(location, "respond"), $"expected \"account\" or no 'respond', found '{respond}'");
        }

        return new ActionSpec(status, set, mock["mergeBody"]?.ToString(), respond == "account");
    }

    private CredentialLocation? Credential(string name, string location, JsonObject root, SchemaCompiler compiler)
    {
        var scheme = compiler.Resolve(root["components"]?["securitySchemes"]?[name]);
        var formatAt = $"/components/securitySchemes/{name}/{CredentialExtension}";
        var format = scheme?[CredentialExtension] is { } declared ? Format(declared, formatAt) : null;
        var type = scheme?["type"]?.ToString();
        if (type == "http" && string.Equals(scheme?["scheme"]?.ToString(), "bearer", StringComparison.OrdinalIgnoreCase))
        {
            return new CredentialLocation(CredentialKind.Bearer, "Authorization", format);
        }

        if (type == "apiKey" && scheme?["in"]?.ToString() == "header" && scheme["name"]?.ToString() is { Length: > 0 } header)
        {
            return new CredentialLocation(CredentialKind.ApiKeyHeader, header, format);
        }

        if (type == "apiKey" && scheme?["in"]?.ToString() == "query" && scheme["name"]?.ToString() is { Length: > 0 } parameter)
        {
            return new CredentialLocation(CredentialKind.ApiKeyQuery, parameter, format);
        }

        _fail(location, $"security scheme '{name}' is not supported (expected http bearer, or apiKey in a header or the query)");
        return null;
    }

    /// <summary>Reads <c>x-mock-credential</c>; a template must produce credentials its own pattern accepts.</summary>
    private CredentialFormat? Format(JsonNode declared, string location)
    {
        if (declared is not JsonObject spec)
        {
            return Fail<CredentialFormat>(location, "expected an object: {\"pattern\": regex, \"template\": \"{alnum:8}.{alnum:32}\", \"caseSensitiveScheme\": bool}");
        }

        foreach (var key in spec.Select(p => p.Key).Except(["pattern", "template", "caseSensitiveScheme"]))
        {
            _fail(JsonPointer.Append(location, key), $"unknown key '{key}' (expected pattern, template, caseSensitiveScheme)");
        }

        try
        {
            var pattern = spec["pattern"] is { } p ? new System.Text.RegularExpressions.Regex(p.GetValue<string>(), System.Text.RegularExpressions.RegexOptions.CultureInvariant) : null;
            var template = spec["template"] is { } t ? Generation.TemplateText.Parse(t.GetValue<string>()) : null;
            var caseSensitive = spec["caseSensitiveScheme"]?.GetValue<bool>() ?? false;
            var format = new CredentialFormat(pattern, template, caseSensitive);
            if (format.NewCredential() is { } sample && !format.Accepts(sample))
            {
                _fail(JsonPointer.Append(location, "template"), $"the template makes '{sample}', which the pattern rejects");
            }

            return format;
        }
        catch (Exception e) when (e is ArgumentException or FormatException or InvalidOperationException)
        {
            return Fail<CredentialFormat>(location, $"expected pattern (a regular expression), template (text with {{alnum:N}} placeholders) and caseSensitiveScheme (bool): {e.Message}");
        }
    }

    private T? Fail<T>(string location, string message)
    {
        _fail(location, message);
        return default;
    }
}
