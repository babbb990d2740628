using System.Text.Json.Nodes;
using MockAccounts.Core.Contracts;
using MockAccounts.Core.Json;
using MockAccounts.Verification.Contracts;

namespace MockAccounts.Verification;

/// <summary>
/// Turns a contract into the requests that verify it: per operation, one with the credential, one without,
/// one with a malformed credential. Only safe methods unless asked; parameters from the settings or the
/// contract's examples.
/// </summary>
public static class RequestPlanner
{
    /// <summary>
    /// What is sent as a malformed credential: whitespace inside makes it malformed for every scheme (the mock
    /// and real services alike refuse it), and nothing of the real credential is in it.
    /// </summary>
    public const string MalformedCredential = "mockaccounts verify: not a credential";

    private const string Json = "application/json";

    /// <summary>The requests for <paramref name="target"/>.</summary>
    /// <param name="target">The contract.</param>
    /// <param name="settings">Credential, parameters, bodies, unsafe methods.</param>
    public static RequestPlan Plan(VerificationTarget target, ProbeSettings settings)
    {
        var probes = new List<Probe>();
        var skipped = new List<string>();
        foreach (var operation in target.Document.Operations())
        {
            if (!operation.IsSafe && !settings.IncludeUnsafe)
            {
                skipped.Add($"{operation.Display}: not sent (it may change the account; --include-unsafe sends it)");
                continue;
            }

            var contract = target.Contract.FindOperation(operation.Method, operation.Template);
            var (path, headers, problem) = Fill(target.Document, operation, settings.Parameters);
            var (body, bodyProblem) = operation.IsSafe ? (null, null) : Body(target.Document, operation, settings.Bodies);
            problem ??= bodyProblem;
            foreach (var mode in Enum.GetValues<RequestMode>())
            {
                var sent = new List<KeyValuePair<string, string>>(headers) { new("Accept", Json) };
                if (body is not null)
                {
                    sent.Add(new("Content-Type", Json));
                }

                var credentialProblem = mode switch
                {
                    // Without a credential (a recording is read, not asked) the request only names what it stands for.
                    RequestMode.WithCredential when settings.Credential is null => null,
                    RequestMode.WithCredential => Place(contract, settings.Credential, sent),
                    RequestMode.MalformedCredential => Place(contract, MalformedCredential, sent),
                    _ => null,
                };
                probes.Add(new Probe(operation, mode, path, sent, body, problem ?? credentialProblem));
            }
        }

        return new RequestPlan(probes, skipped);
    }

    /// <summary>Puts the credential where the operation's first security alternative says; the problem when it has none.</summary>
    private static string? Place(OperationContract? contract, string credential, List<KeyValuePair<string, string>> headers)
    {
        var alternative = contract?.Security.OrderBy(a => a.Count).FirstOrDefault(a => a.Count > 0);
        if (alternative is null)
        {
            return "the operation declares no security scheme to carry a credential";
        }

        foreach (var location in alternative)
        {
            headers.Add(new(location.HeaderName, location.Kind == CredentialKind.Bearer ? "Bearer " + credential : credential));
        }

        return null;
    }

    /// <summary>The path with its parameters filled in, required query and header parameters, or what is missing.</summary>
    private static (string Path, List<KeyValuePair<string, string>> Headers, string? Problem) Fill(
        ContractDocument document, DocumentOperation operation, IReadOnlyDictionary<string, string> values)
    {
        var path = operation.Template;
        var query = new List<string>();
        var headers = new List<KeyValuePair<string, string>>();
        var missing = new List<(string In, string Name)>();
        foreach (var (parameter, at) in Parameters(document, operation))
        {
            var name = parameter["name"]?.ToString() ?? "";
            var where = parameter["in"]?.ToString();
            var required = where == "path" || parameter["required"] is JsonValue r && r.TryGetValue<bool>(out var req) && req;
            var value = values.TryGetValue(name, out var given) ? given : Example(document, parameter, at);
            if (value is null)
            {
                if (required)
                {
                    missing.Add((where ?? "?", name));
                }

                continue;
            }

            switch (where)
            {
                case "path":
                    path = path.Replace("{" + name + "}", Uri.EscapeDataString(value), StringComparison.Ordinal);
                    break;
                case "query":
                    query.Add($"{Uri.EscapeDataString(name)}={Uri.EscapeDataString(value)}");
                    break;
                case "header":
                    headers.Add(new(name, value));
                    break;
            }
        }

        var problem = missing.Count == 0 ? null
            : $"no value for the {string.Join(", ", missing.Select(m => $"{m.In} parameter '{m.Name}'"))}: pass {string.Join(" ", missing.Select(m => $"--param {m.Name}=VALUE"))} or give the parameter an example in the contract";
        return (query.Count == 0 ? path : path + "?" + string.Join("&", query), headers, problem);
    }

    /// <summary>The operation's parameters and its path item's, the operation's winning by name and place.</summary>
    private static IEnumerable<(JsonObject Parameter, string Pointer)> Parameters(ContractDocument document, DocumentOperation operation)
    {
        var itemPointer = operation.Pointer[..operation.Pointer.LastIndexOf('/')];
        var all = new List<(JsonObject, string)>();
        foreach (var (list, at) in new[] { (operation.Node["parameters"], JsonPointer.Append(operation.Pointer, "parameters")), (operation.PathItem["parameters"], JsonPointer.Append(itemPointer, "parameters")) })
        {
            var i = 0;
            foreach (var item in list as JsonArray ?? [])
            {
                var (parameter, pointer) = document.Resolve(item, JsonPointer.Append(at, i++));
                if (parameter is not null)
                {
                    all.Add((parameter, pointer));
                }
            }
        }

        return all.DistinctBy(p => (p.Item1["name"]?.ToString(), p.Item1["in"]?.ToString()));
    }

    private static string? Example(ContractDocument document, JsonObject parameter, string at)
    {
        var example = parameter["example"]
            ?? (parameter["examples"] as JsonObject)?.Select(e => document.Resolve(e.Value, at).Node?["value"]).FirstOrDefault(v => v is not null)
            ?? ExampleOf(document.Resolve(parameter["schema"], JsonPointer.Append(at, "schema")).Node);
        return example switch
        {
            null => null,
            JsonValue v when v.TryGetValue<string>(out var text) => text,
            _ => example.ToJsonString(),
        };
    }

    private static JsonNode? ExampleOf(JsonObject? schema) =>
        schema?["example"] ?? (schema?["examples"] as JsonArray)?.FirstOrDefault();

    /// <summary>An unsafe operation's body: given for it, or the contract's example; the problem when there is none.</summary>
    private static (string? Body, string? Problem) Body(ContractDocument document, DocumentOperation operation, IReadOnlyDictionary<string, string> bodies)
    {
        if (bodies.TryGetValue(operation.Display, out var given))
        {
            return (given, null);
        }

        var (requestBody, at) = document.Resolve(operation.Node["requestBody"], JsonPointer.Append(operation.Pointer, "requestBody"));
        if (requestBody is null)
        {
            return (null, null);
        }

        var media = requestBody["content"]?[Json] as JsonObject;
        var example = media?["example"]
            ?? (media?["examples"] as JsonObject)?.Select(e => document.Resolve(e.Value, at).Node?["value"]).FirstOrDefault(v => v is not null)
            ?? ExampleOf(document.Resolve(media?["schema"], at).Node);
        if (example is not null)
        {
            return (example.ToJsonString(), null);
        }

        var required = requestBody["required"] is JsonValue r && r.TryGetValue<bool>(out var req) && req;
        return required
            ? (null, $"no request body to send: the contract has no example; give one with --body '{operation.Display}=@body.json'")
            : (null, null);
    }
}
