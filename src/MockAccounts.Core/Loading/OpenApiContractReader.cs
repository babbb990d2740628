using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.OpenApi;
using Microsoft.OpenApi.Reader;
using MockAccounts.Core.Contracts;
using JsonPointer = MockAccounts.Core.Json.JsonPointer;

namespace MockAccounts.Core.Loading;

/// <summary>
/// Reads one OpenAPI 3.1 document: Microsoft.OpenApi checks it and supplies operations, security
/// and headers; the body schemas are compiled from the same JSON for generation and validation.
/// </summary>
internal sealed class OpenApiContractReader
{
    private const string CredentialExtension = "x-mock-credential";

    private readonly Action<string, string> _fail;

    public OpenApiContractReader(Action<string, string> fail) => _fail = fail;

    public sealed record Result(string Title, string Text, IReadOnlyList<OperationContract> Operations, string? Summary);

    public async Task<Result?> ReadAsync(string path, CancellationToken cancellationToken)
    {
        var (text, root) = await JsonFile.ReadAsync(path, _fail, cancellationToken);
        if (root is null)
        {
            return null;
        }

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
        }

        if (problems.Count > 0 || read.Document is null)
        {
            return null;
        }

        var compiler = new SchemaCompiler(root, _fail);
        var operations = new List<OperationContract>();
        foreach (var (template, item) in read.Document.Paths)
        {
            foreach (var (method, operation) in item.Operations ?? [])
            {
                var location = JsonPointer.Append(JsonPointer.Append("/paths", template), method.Method.ToLowerInvariant());
                var raw = root["paths"]![template]![method.Method.ToLowerInvariant()]!.AsObject();
                var security = operation.Security ?? read.Document.Security ?? [];
                var built = await OperationAsync(method.Method.ToUpperInvariant(), template, operation, raw, security, compiler, location, root);
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

        return new Result(read.Document.Info?.Title ?? Path.GetFileName(Path.GetDirectoryName(path)) ?? "", text, operations, read.Document.Info?.Summary);
    }

    private async Task<OperationContract?> OperationAsync(
        string method, string template, OpenApiOperation operation, JsonObject raw,
        IList<OpenApiSecurityRequirement> security, SchemaCompiler compiler, string location, JsonObject root)
    {
        var mock = raw["x-mock"] as JsonObject;
        var role = mock?["role"]?.ToString() switch
        {
            "account" => OperationRole.Account,
            "action" => OperationRole.Action,
            var other => Fail<OperationRole?>(JsonPointer.Append(location, "x-mock"), $"expected \"role\": \"account\" or \"action\", found {other ?? "none"}"),
        };
        var credentials = security.Select(r => (IReadOnlyList<CredentialLocation>)r.Keys.Select(k => Credential(k, location, root)).OfType<CredentialLocation>().ToArray()).ToArray();
        if (credentials.Length == 0)
        {
            _fail(location, "no security requirement: every account endpoint needs credentials");
        }

        var responses = new Dictionary<int, ResponseContract>();
        foreach (var (code, response) in operation.Responses ?? [])
        {
            var at = JsonPointer.Append(JsonPointer.Append(location, "responses"), code);
            if (!int.TryParse(code, NumberStyles.None, CultureInfo.InvariantCulture, out var status))
            {
                _fail(at, $"status '{code}' is not supported (expected a numeric status code)");
                continue;
            }

            var schemaJson = compiler.Resolve(raw["responses"]![code])?["content"]?["application/json"]?["schema"];
            var schemaAt = JsonPointer.Append(JsonPointer.Append(JsonPointer.Append(at, "content"), "application/json"), "schema");
            var required = (response.Headers ?? new Dictionary<string, IOpenApiHeader>())
                .Where(h => h.Value.Required).Select(h => h.Key).ToArray();
            responses[status] = new ResponseContract(
                status,
                schemaJson is null ? null : compiler.Compile(schemaJson, schemaAt),
                required)
            {
                BodyValidatorSource = schemaJson is null ? null : compiler.Validator(schemaJson, schemaAt),
                BodyCheck = schemaJson is null ? null : compiler.Check(schemaJson),
            };
        }

        var requestSchema = compiler.Resolve(raw["requestBody"])?["content"]?["application/json"]?["schema"];
        var requestAt = JsonPointer.Append(location, "requestBody");
        var requestBody = requestSchema is null ? null : new RequestBodyContract(
            operation.RequestBody?.Required ?? false,
            compiler.Compile(requestSchema, requestAt))
        {
            ValidatorSource = compiler.Validator(requestSchema, requestAt),
            BodyCheck = compiler.Check(requestSchema),
        };
        var action = role == OperationRole.Action ? Action(mock!, responses, JsonPointer.Append(location, "x-mock")) : null;
        return role is null ? null : new OperationContract(method, template, role.Value, credentials, responses, action, requestBody);
    }

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

    private CredentialLocation? Credential(OpenApiSecuritySchemeReference scheme, string location, JsonObject root)
    {
        var name = scheme.Reference?.Id ?? "?";
        var formatAt = $"/components/securitySchemes/{name}/{CredentialExtension}";
        var format = root["components"]?["securitySchemes"]?[name]?[CredentialExtension] is { } declared ? Format(declared, formatAt) : null;
        if (scheme.Type == SecuritySchemeType.Http && string.Equals(scheme.Scheme, "bearer", StringComparison.OrdinalIgnoreCase))
        {
            return new CredentialLocation(CredentialKind.Bearer, "Authorization", format);
        }

        if (scheme.Type == SecuritySchemeType.ApiKey && scheme.In == ParameterLocation.Header && !string.IsNullOrEmpty(scheme.Name))
        {
            return new CredentialLocation(CredentialKind.ApiKeyHeader, scheme.Name, format);
        }

        _fail(location, $"security scheme '{name}' is not supported (expected http bearer, or apiKey in a header)");
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
