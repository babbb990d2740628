using System.Text.Json.Nodes;
using MockAccounts.Core.Contracts;
using MockAccounts.Core.Generation;
using MockAccounts.Core.Json;
using MockAccounts.Core.Scenarios;
using MockAccounts.Core.Validation;
using NJsonSchema;

namespace MockAccounts.Core.Loading;

/// <summary>Reads a scenario catalogue against the account operation it drives.</summary>
internal sealed class CatalogueReader
{
    private static readonly Dictionary<string, FaultKind> Faults = new(StringComparer.Ordinal)
    {
        ["connection-reset"] = FaultKind.ConnectionReset,
        ["empty-response"] = FaultKind.EmptyResponse,
        ["malformed-json"] = FaultKind.MalformedJson,
        ["slow-body"] = FaultKind.SlowBody,
    };

    private static readonly string[] DialectKeys = ["default", "scenarios"];
    private static readonly string[] PublishedKeys = ["account"];

    private readonly Action<string, string> _fail;
    private readonly JsonSchema? _catalogueSchema;

    /// <param name="fail">Reports a problem at a JSON pointer of the catalogue.</param>
    /// <param name="catalogueSchema">The catalogue schema; null when these very files were proven before.</param>
    public CatalogueReader(Action<string, string> fail, JsonSchema? catalogueSchema)
    {
        _fail = fail;
        _catalogueSchema = catalogueSchema;
    }

    /// <summary>Reads our own dialect's catalogue: every scenario answers the account operation.</summary>
    public ScenarioCatalogue? Read(byte[] bytes, OperationContract account) => Read(bytes, new Shape(account, [account], null));

    /// <summary>
    /// Reads the catalogue beside a published spec (or none: <paramref name="bytes"/> null): its scenarios come after
    /// the derived ones (one of the same name replaces it), each answering the operation it names (<c>operation</c>:
    /// an operationId or <c>METHOD /path</c>) or, without one, every operation that documents its status.
    /// </summary>
    public ScenarioCatalogue? ReadPublished(byte[]? bytes, OperationContract account, IReadOnlyList<OperationContract> operations, DerivedScenarios derived) =>
        bytes is null
            ? new ScenarioCatalogue(derived.Default, derived.MissingCredentials, derived.Scenarios)
            : Read(bytes, new Shape(account, operations, derived));

    /// <summary>What a catalogue is read against: the account operation, every operation, and for a published spec the derived scenarios.</summary>
    private sealed record Shape(OperationContract Account, IReadOnlyList<OperationContract> Operations, DerivedScenarios? Derived)
    {
        public bool Published => Derived is not null;
    }

    private ScenarioCatalogue? Read(byte[] bytes, Shape shape)
    {
        var (_, root) = JsonFile.Parse(bytes, _fail);
        if (root is null)
        {
            return null;
        }

        var violations = _catalogueSchema is null ? [] : SchemaValidator.Validate(_catalogueSchema, root);
        foreach (var violation in violations)
        {
            _fail(violation.Pointer, $"expected {violation.Expected}, actual {violation.Actual}");
        }

        if (violations.Count > 0)
        {
            return null;
        }

        if (!shape.Published)
        {
            foreach (var required in DialectKeys.Where(k => !root.ContainsKey(k)))
            {
                _fail($"/{required}", $"expected '{required}': a catalogue of our own dialect names its default scenario and lists its scenarios");
            }

            if (root["scenarios"] is JsonArray { Count: 0 })
            {
                _fail("/scenarios", "expected at least one scenario");
            }

            foreach (var key in PublishedKeys.Where(root.ContainsKey))
            {
                _fail($"/{key}", $"'{key}' is for a catalogue beside a published spec");
            }

            if (!root.ContainsKey("default") || root["scenarios"] is not JsonArray { Count: > 0 })
            {
                return null;
            }
        }

        var raw = root["scenarios"] as JsonArray ?? [];
        var singles = new Dictionary<string, ResponseStep>(StringComparer.Ordinal);
        var scenarios = new List<Scenario?>();
        for (var i = 0; i < raw.Count; i++)
        {
            var entry = raw[i]!.AsObject();
            var at = JsonPointer.Append("/scenarios", i);
            var name = entry["name"]!.ToString();
            if (scenarios.Any(s => s?.Name == name) || raw.Take(i).Any(r => r!["name"]!.ToString() == name))
            {
                _fail(JsonPointer.Append(at, "name"), $"scenario '{name}' is defined twice");
            }

            if (entry.ContainsKey("steps") == entry.ContainsKey("status"))
            {
                _fail(at, $"scenario '{name}' needs either 'status' (one response) or 'steps' (a sequence), not {(entry.ContainsKey("steps") ? "both" : "neither")}");
                scenarios.Add(null);
                continue;
            }

            var operation = Operation(entry, shape, at, out var unknownOperation);
            if (unknownOperation)
            {
                scenarios.Add(null);
                continue;
            }

            if (entry.ContainsKey("status"))
            {
                var step = Step(entry, operation, shape, at, repeat: 1);
                if (step is not null)
                {
                    singles[name] = step;
                }

                scenarios.Add(step is null ? null : new Scenario(name, entry["description"]!.ToString(), [step]) { Operation = Bound(operation, shape) });
            }
            else
            {
                scenarios.Add(null);
            }
        }

        // Sequences may name scenarios defined after them, so they resolve once all are read.
        for (var i = 0; i < raw.Count; i++)
        {
            var entry = raw[i]!.AsObject();
            if (entry["steps"] is JsonArray steps && !entry.ContainsKey("status"))
            {
                var at = JsonPointer.Append(JsonPointer.Append("/scenarios", i), "steps");
                var operation = Operation(entry, shape, JsonPointer.Append("/scenarios", i), out _);
                var resolved = steps.Select((s, j) => SequenceStep(s!.AsObject(), operation, shape, singles, JsonPointer.Append(at, j))).ToArray();
                scenarios[i] = resolved.All(s => s is not null)
                    ? new Scenario(entry["name"]!.ToString(), entry["description"]!.ToString(), resolved!) { Operation = Bound(operation, shape) }
                    : null;
            }
        }

        var written = raw.Select(r => r!["name"]!.ToString()).ToHashSet(StringComparer.Ordinal);
        if (shape.Derived is { } derived)
        {
            // The derived scenarios first; one the catalogue writes again is replaced where it stood.
            var replaced = derived.Scenarios.Select(d => written.Contains(d.Name) ? null : d).ToList();
            scenarios.InsertRange(0, replaced.Where(d => d is not null));
        }

        var known = scenarios.OfType<Scenario>().Select(s => s.Name).Concat(written).ToHashSet(StringComparer.Ordinal);
        var defaultName = root["default"]?.ToString() ?? shape.Derived?.Default ?? "";
        var missingName = root["auth"]?["missing"]?.ToString() ?? shape.Derived?.MissingCredentials;
        Require(known, defaultName, "/default");
        if (missingName is null && !shape.Published)
        {
            _fail("/auth", "expected \"auth\": {\"missing\": \"<scenario>\"}: the scenario served when credentials are missing");
        }
        else if (missingName is not null)
        {
            Require(known, missingName, "/auth/missing");
        }

        var malformedName = root["auth"]?["malformed"]?.ToString();
        if (malformedName is not null)
        {
            Require(known, malformedName, "/auth/malformed");
        }

        var body = root["body"] is JsonObject refusal
            ? new BodyRefusal(refusal["malformed"]?.ToString(), refusal["invalid"]?.ToString(), refusal["violationsAt"]?.ToString())
            : BodyRefusal.ByStatus;
        var bodyNamesKnown = true;
        foreach (var (name, at) in new[] { (body.Malformed, "/body/malformed"), (body.Invalid, "/body/invalid") })
        {
            if (name is not null)
            {
                Require(known, name, at);
                bodyNamesKnown &= known.Contains(name);
            }
        }

        return scenarios.All(s => s is not null) && (missingName is not null || shape.Published) && known.Contains(defaultName) && (missingName is null || known.Contains(missingName))
            && (malformedName is null || known.Contains(malformedName)) && bodyNamesKnown
            ? new ScenarioCatalogue(defaultName, missingName, scenarios!, malformedName, body)
            : null;
    }

    /// <summary>The operation a catalogue entry names (<c>operation</c>); for our dialect, always the account operation.</summary>
    private OperationContract? Operation(JsonObject entry, Shape shape, string at, out bool unknown)
    {
        unknown = false;
        if (entry["operation"]?.ToString() is not { } reference)
        {
            return shape.Published ? null : shape.Account;
        }

        if (!shape.Published)
        {
            _fail(JsonPointer.Append(at, "operation"), "'operation' is for a catalogue beside a published spec: our dialect's scenarios answer the account operation");
            unknown = true;
            return null;
        }

        var found = shape.Operations.FirstOrDefault(o => o.OperationId == reference)
            ?? shape.Operations.FirstOrDefault(o => o.Display == reference || (o.DocumentedPath is { } documented && $"{o.Method} {documented}" == reference));
        if (found is null)
        {
            unknown = true;
            _fail(JsonPointer.Append(at, "operation"), $"'{reference}' is no operation of the spec (expected an operationId or METHOD /path, e.g. '{shape.Operations[0].OperationId ?? shape.Operations[0].Display}')");
        }

        return found;
    }

    /// <summary>The operation a scenario is bound to: for a published spec the one its entry names; our dialect's scenarios bind none.</summary>
    private static string? Bound(OperationContract? operation, Shape shape) => shape.Published ? operation?.Display : null;

    private ResponseStep? SequenceStep(JsonObject step, OperationContract? account, Shape shape, Dictionary<string, ResponseStep> singles, string at)
    {
        var repeat = step["repeat"]?.GetValue<int>() ?? 1;
        if (step["scenario"] is not JsonNode reference)
        {
            if (!step.ContainsKey("status"))
            {
                _fail(at, "a step names a 'scenario' or gives its own 'status'");
                return null;
            }

            return Step(step, account, shape, at, repeat);
        }

        var name = reference.ToString();
        if (step.ContainsKey("status") || step.ContainsKey("overrides"))
        {
            _fail(at, "a step that names a scenario cannot also give 'status' or 'overrides'");
            return null;
        }

        var derivedStep = shape.Derived?.Scenarios.FirstOrDefault(d => d.Name == name)?.Steps[0];
        if (!singles.TryGetValue(name, out var named) && derivedStep is null)
        {
            _fail(JsonPointer.Append(at, "scenario"), $"'{name}' is not a single-response scenario of this catalogue (known: {string.Join(", ", singles.Keys.Concat(shape.Derived?.Scenarios.Select(d => d.Name) ?? []))})");
            return null;
        }

        named ??= derivedStep!;

        var headers = new Dictionary<string, string>(named.Headers, StringComparer.OrdinalIgnoreCase);
        foreach (var (header, value) in Headers(step))
        {
            headers[header] = value;
        }

        return named with
        {
            Headers = headers,
            Delay = step.ContainsKey("delay") ? Delay(step["delay"]!.AsObject(), JsonPointer.Append(at, "delay")) : named.Delay,
            Fault = step["fault"] is JsonNode fault ? Faults[fault.ToString()] : named.Fault,
            Repeat = repeat,
        };
    }

    private ResponseStep? Step(JsonObject entry, OperationContract? operation, Shape shape, string at, int repeat)
    {
        var status = entry["status"]!.GetValue<int>();
        ResponseContract? response;
        if (operation is not null)
        {
            if (!operation.Responses.TryGetValue(status, out response))
            {
                _fail(JsonPointer.Append(at, "status"), $"{status} is not a documented response of {operation.Display} (documented: {string.Join(", ", operation.Responses.Keys.Order())})");
                return null;
            }
        }
        else
        {
            response = shape.Operations.Select(o => o.Responses.GetValueOrDefault(status)).FirstOrDefault(r => r is not null);
            if (response is null)
            {
                _fail(JsonPointer.Append(at, "status"), $"no operation documents {status} (documented: {string.Join(", ", shape.Operations.SelectMany(o => o.Responses.Keys).Distinct().Order())})");
                return null;
            }
        }

        var example = entry["example"]?.ToString();
        if (example is not null && !shape.Operations.Where(o => operation is null || o == operation).Any(o => o.Responses.GetValueOrDefault(status)?.Example(example) is not null))
        {
            _fail(JsonPointer.Append(at, "example"), $"no {status} response {(operation is null ? "" : $"of {operation.Display} ")}has an example named '{example}'");
            return null;
        }

        OverrideNode? overrides = null;
        if (entry["overrides"] is JsonObject raw)
        {
            if (operation is null)
            {
                _fail(JsonPointer.Append(at, "overrides"), "overrides need the 'operation' whose schema they fill");
                return null;
            }

            if (response.Body is null)
            {
                _fail(JsonPointer.Append(at, "overrides"), $"status {status} has no body to override");
                return null;
            }

            overrides = OverrideCompiler.Compile(raw, response.Body, JsonPointer.Append(at, "overrides"), _fail);
        }

        var delay = entry["delay"] is JsonObject d ? Delay(d, JsonPointer.Append(at, "delay")) : null;
        var fault = entry["fault"] is JsonNode f ? Faults[f.ToString()] : (FaultKind?)null;
        return new ResponseStep(status, overrides, Headers(entry), delay, fault, repeat) { Example = example };
    }

    private static Dictionary<string, string> Headers(JsonObject entry) =>
        (entry["headers"] as JsonObject ?? []).ToDictionary(h => h.Key, h => h.Value!.ToString(), StringComparer.OrdinalIgnoreCase);

    private DelaySpec? Delay(JsonObject delay, string at)
    {
        int? Read(string key) => delay[key]?.GetValue<int>();
        var (ms, min, max) = (Read("ms"), Read("min"), Read("max"));
        if (ms is int fixedMs && min is null && max is null)
        {
            return new DelaySpec(fixedMs, fixedMs);
        }

        if (ms is null && min is int low && max is int high && low <= high)
        {
            return new DelaySpec(low, high);
        }

        _fail(at, "expected {\"ms\": N} or {\"min\": N, \"max\": M} with N <= M");
        return null;
    }

    private void Require(HashSet<string> known, string name, string at)
    {
        if (!known.Contains(name))
        {
            _fail(at, $"'{name}' is not a scenario of this catalogue (known: {string.Join(", ", known)})");
        }
    }
}
