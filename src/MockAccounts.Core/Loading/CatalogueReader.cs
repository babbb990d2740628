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

    private readonly Action<string, string> _fail;
    private readonly JsonSchema? _catalogueSchema;

    /// <param name="fail">Reports a problem at a JSON pointer of the catalogue.</param>
    /// <param name="catalogueSchema">The catalogue schema; null when these very files were proven before.</param>
    public CatalogueReader(Action<string, string> fail, JsonSchema? catalogueSchema)
    {
        _fail = fail;
        _catalogueSchema = catalogueSchema;
    }

    public ScenarioCatalogue? Read(byte[] bytes, OperationContract account)
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

        var raw = root["scenarios"]!.AsArray();
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

            if (entry.ContainsKey("status"))
            {
                var step = Step(entry, account, at, repeat: 1);
                if (step is not null)
                {
                    singles[name] = step;
                }

                scenarios.Add(step is null ? null : new Scenario(name, entry["description"]!.ToString(), [step]));
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
                var resolved = steps.Select((s, j) => SequenceStep(s!.AsObject(), account, singles, JsonPointer.Append(at, j))).ToArray();
                scenarios[i] = resolved.All(s => s is not null)
                    ? new Scenario(entry["name"]!.ToString(), entry["description"]!.ToString(), resolved!)
                    : null;
            }
        }

        var known = raw.Select(r => r!["name"]!.ToString()).ToHashSet(StringComparer.Ordinal);
        var defaultName = root["default"]!.ToString();
        var missingName = root["auth"]?["missing"]?.ToString();
        Require(known, defaultName, "/default");
        if (missingName is null)
        {
            _fail("/auth", "expected \"auth\": {\"missing\": \"<scenario>\"}: the scenario served when credentials are missing");
        }
        else
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

        return scenarios.All(s => s is not null) && missingName is not null && known.Contains(defaultName) && known.Contains(missingName)
            && (malformedName is null || known.Contains(malformedName)) && bodyNamesKnown
            ? new ScenarioCatalogue(defaultName, missingName, scenarios!, malformedName, body)
            : null;
    }

    private ResponseStep? SequenceStep(JsonObject step, OperationContract account, Dictionary<string, ResponseStep> singles, string at)
    {
        var repeat = step["repeat"]?.GetValue<int>() ?? 1;
        if (step["scenario"] is not JsonNode reference)
        {
            if (!step.ContainsKey("status"))
            {
                _fail(at, "a step names a 'scenario' or gives its own 'status'");
                return null;
            }

            return Step(step, account, at, repeat);
        }

        var name = reference.ToString();
        if (step.ContainsKey("status") || step.ContainsKey("overrides"))
        {
            _fail(at, "a step that names a scenario cannot also give 'status' or 'overrides'");
            return null;
        }

        if (!singles.TryGetValue(name, out var named))
        {
            _fail(JsonPointer.Append(at, "scenario"), $"'{name}' is not a single-response scenario of this catalogue (known: {string.Join(", ", singles.Keys)})");
            return null;
        }

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

    private ResponseStep? Step(JsonObject entry, OperationContract account, string at, int repeat)
    {
        var status = entry["status"]!.GetValue<int>();
        if (!account.Responses.TryGetValue(status, out var response))
        {
            _fail(JsonPointer.Append(at, "status"), $"{status} is not a documented response of {account.Display} (documented: {string.Join(", ", account.Responses.Keys.Order())})");
            return null;
        }

        OverrideNode? overrides = null;
        if (entry["overrides"] is JsonObject raw)
        {
            if (response.Body is null)
            {
                _fail(JsonPointer.Append(at, "overrides"), $"status {status} has no body to override");
                return null;
            }

            overrides = OverrideCompiler.Compile(raw, response.Body, JsonPointer.Append(at, "overrides"), _fail);
        }

        var delay = entry["delay"] is JsonObject d ? Delay(d, JsonPointer.Append(at, "delay")) : null;
        var fault = entry["fault"] is JsonNode f ? Faults[f.ToString()] : (FaultKind?)null;
        return new ResponseStep(status, overrides, Headers(entry), delay, fault, repeat);
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
