using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using MockAccounts.Core.Json;
using MockAccounts.Verification.Contracts;
using MockAccounts.Verification.Fixes;

namespace MockAccounts.Verification;

/// <summary>
/// Holds one response to its contract: the status first (a documented 2xx with the credential, the documented
/// 401 or 403 without), then, for a documented status, its <c>Content-Type</c>, declared headers and body.
/// </summary>
internal sealed class ResponseCheck
{
    private const string Json = "application/json";

    private readonly ContractDocument _document;
    private readonly ValueDisplay _display;
    private readonly Exchange _exchange;
    private readonly DocumentOperation _operation;
    private readonly List<CheckResult> _results = [];

    private ResponseCheck(ContractDocument document, ValueDisplay display, Exchange exchange)
    {
        _document = document;
        _display = display;
        _exchange = exchange;
        _operation = exchange.Probe.Operation;
    }

    /// <summary>The checks of one exchange, in order: request (only when it failed), status, content-type, headers, body.</summary>
    public static IReadOnlyList<CheckResult> Run(ContractDocument document, ValueDisplay display, Exchange exchange)
    {
        var check = new ResponseCheck(document, display, exchange);
        check.Run();
        return check._results;
    }

    private TimeSpan Elapsed => _exchange.Response?.Elapsed ?? TimeSpan.Zero;

    private void Run()
    {
        if (_exchange.Response is not { } response)
        {
            Error(CheckAspect.Request, _display.Redact(_exchange.Failure?.Message ?? "no response"));
            return;
        }

        if (!Status(response))
        {
            return;
        }

        var (documented, responsePointer) = _document.Resolve(_document.At(_operation.ResponsePointer(response.Status)), _operation.ResponsePointer(response.Status));
        documented ??= [];
        var mediaKey = ContentType(response, documented, responsePointer);
        Headers(response, documented, responsePointer);
        Body(response, documented, responsePointer, mediaKey);
    }

    /// <summary>The status check; true when the status is documented and expected, so the rest of the response is checked.</summary>
    private bool Status(ObservedResponse response)
    {
        var status = response.Status;
        var code = status.ToString(CultureInfo.InvariantCulture);
        var documented = _operation.Statuses().ToArray();
        var isDocumented = documented.Contains(status);
        if (status is >= 300 and < 400)
        {
            var location = response.Header("Location") is { } to && Uri.TryCreate(to, UriKind.RelativeOrAbsolute, out var uri)
                ? $" to {(uri.IsAbsoluteUri ? ValueDisplay.Url(uri) : to.Split('?')[0])}" : "";
            Error(CheckAspect.Status, $"redirected ({code}){location}; redirects are not followed: is the base URL right?");
            return false;
        }

        if (status is 429 or >= 500)
        {
            Error(CheckAspect.Status, $"the service answered {code}{(isDocumented ? "" : " (not documented)")}: nothing to hold to the contract this time");
            return false;
        }

        var success = status is >= 200 and < 300;
        var refused = status is 401 or 403;
        var documentedText = string.Join(", ", documented.Select(s => s.ToString(CultureInfo.InvariantCulture)));
        if (_exchange.Probe.Mode == RequestMode.WithCredential)
        {
            if (refused)
            {
                Error(CheckAspect.Status, $"the credential was refused ({code}): is it valid for this service?");
                return false;
            }

            var expected2xx = documented.Where(s => s is >= 200 and < 300).Select(s => s.ToString(CultureInfo.InvariantCulture)).ToArray();
            return Expect(response, success, isDocumented, $"a documented 2xx ({string.Join(", ", expected2xx)})",
                $"check the base URL and the operation's path; if the service moved or dropped {_operation.Display}, the contract must follow");
        }

        if (success && response.Body.Length > 0 && (response.MediaType == "text/html" || LooksLikeHtml(response.Body)))
        {
            Error(CheckAspect.Status, $"an HTML page answered {code} {(_exchange.Probe.Mode == RequestMode.WithoutCredential ? "without a credential" : "to a malformed credential")}: a proxy's or login page?");
            return false;
        }

        if (success)
        {
            var security = _operation.Node.ContainsKey("security") ? JsonPointer.Append(_operation.Pointer, "security") : "/security";
            Drift(CheckAspect.Status, DriftKind.AuthNotEnforced, "", security, "401 or 403: the contract requires a credential", code,
                "if the operation needs no credential, its security requirement must go (the mock cannot serve that: --write-variant leaves it)", null);
            return false;
        }

        var expected = documented.Where(s => s is 401 or 403).Select(s => s.ToString(CultureInfo.InvariantCulture)).ToArray();
        return Expect(response, refused, isDocumented, expected.Length == 0 ? "401 or 403 (none documented)" : $"{string.Join(" or ", expected)} (documented)",
            $"the service refuses this request with {code} where clients expect 401 or 403: document it only if clients must handle it");

        bool Expect(ObservedResponse observed, bool expectedClass, bool known, string expectation, string advice)
        {
            if (expectedClass && known)
            {
                Ok(CheckAspect.Status, $"{code}, documented");
                return true;
            }

            if (expectedClass)
            {
                var fix = new AddResponse(_operation.ResponsesPointer, status, BodyMedia(observed), BodySchema(observed));
                Drift(CheckAspect.Status, DriftKind.UndocumentedStatus, "", _operation.ResponsesPointer, $"{expectation}; documented: {documentedText}", code,
                    $"{fix.Describe()}: {_document.Where(fix.Pointer)}", fix);
                return false;
            }

            Drift(CheckAspect.Status, DriftKind.UnexpectedStatus, "", _operation.ResponsesPointer, expectation, $"{code}{(known ? " (documented for other cases)" : " (not documented)")}", advice, null);
            return false;
        }
    }

    /// <summary>The content-type check; the documented media type whose schema the body is held to, or null when it cannot be.</summary>
    private string? ContentType(ObservedResponse response, JsonObject documented, string responsePointer)
    {
        var content = documented["content"] as JsonObject ?? [];
        var contentPointer = JsonPointer.Append(responsePointer, "content");
        var media = response.MediaType;
        if (response.Body.Length == 0)
        {
            Ok(CheckAspect.ContentType, "no body");
            return null;
        }

        if (content.Count == 0)
        {
            Ok(CheckAspect.ContentType, $"{media ?? "no Content-Type"} (no body documented: see the body check)");
            return null;
        }

        var primary = content.ContainsKey(Json) ? Json : content.First().Key;
        if (media is not null && content.Any(c => string.Equals(c.Key, media, StringComparison.OrdinalIgnoreCase)))
        {
            Ok(CheckAspect.ContentType, media);
            return content.First(c => string.Equals(c.Key, media, StringComparison.OrdinalIgnoreCase)).Key;
        }

        if (media == "text/html" || LooksLikeHtml(response.Body))
        {
            Error(CheckAspect.ContentType, $"an HTML page ({media ?? "no Content-Type"}, {Bytes(response.Body.Length)}) where {string.Join(", ", content.Select(c => c.Key))} is documented: a proxy's or gateway's error page?");
            return null;
        }

        if (Parse(response.Body) is null)
        {
            Error(CheckAspect.ContentType, $"a body that is not JSON ({media ?? "no Content-Type"}, {Bytes(response.Body.Length)}) where {string.Join(", ", content.Select(c => c.Key))} is documented");
            return null;
        }

        var fix = media is null ? null : new AddMediaType(contentPointer, media, primary);
        Drift(CheckAspect.ContentType, DriftKind.ContentType, "Content-Type", contentPointer, $"Content-Type {string.Join(" or ", content.Select(c => c.Key))}",
            media ?? "no Content-Type (the body is JSON)",
            fix is null ? $"the service should send Content-Type {primary}; the contract cannot document its absence" : $"{fix.Describe()}: {_document.Where(fix.Pointer)}", fix);
        return primary;
    }

    private void Headers(ObservedResponse response, JsonObject documented, string responsePointer)
    {
        var drifts = new List<Drift>();
        var seen = new List<string>();
        foreach (var (name, node) in documented["headers"] as JsonObject ?? [])
        {
            if (string.Equals(name, "Content-Type", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var (header, headerPointer) = _document.Resolve(node, JsonPointer.Append(JsonPointer.Append(responsePointer, "headers"), name));
            if (header is null)
            {
                continue;
            }

            var value = response.Header(name);
            var required = header["required"] is JsonValue r && r.TryGetValue<bool>(out var isRequired) && isRequired;
            if (value is null)
            {
                if (required)
                {
                    var fix = new MakeHeaderOptional(headerPointer, name);
                    drifts.Add(new Drift(DriftKind.HeaderMissing, CheckAspect.Headers, name, JsonPointer.Append(headerPointer, "required"),
                        $"header {name} (required)", "absent", $"{fix.Describe()}: {_document.Where(fix.Pointer)}", fix));
                }

                continue;
            }

            seen.Add(name);
            var (schema, schemaPointer) = _document.Resolve(header["schema"], JsonPointer.Append(headerPointer, "schema"));
            if (schema is not null)
            {
                drifts.AddRange(HeaderValue(name, _display.Redact(value), schema, schemaPointer));
            }
        }

        if (drifts.Count > 0)
        {
            _results.Add(new CheckResult(_operation.Display, _exchange.Probe.Mode, CheckAspect.Headers, CheckOutcome.Drift, drifts, "", Elapsed));
        }
        else
        {
            Ok(CheckAspect.Headers, seen.Count == 0 ? "none declared present" : string.Join(", ", seen));
        }
    }

    /// <summary>A header's value against its schema, read as its declared type.</summary>
    private IEnumerable<Drift> HeaderValue(string name, string value, JsonObject schema, string schemaPointer)
    {
        var types = JsonValues.Types(schema["type"]);
        var json = types.Contains("string") || types.Count == 0 || !decimal.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out _)
            ? JsonSerializer.SerializeToElement(value)
            : Parse(Encoding.UTF8.GetBytes(value)) ?? JsonSerializer.SerializeToElement(value);
        return StrictBodyCheck.Run(_document, _display, json, schemaPointer)
            .Select(d => d with
            {
                Aspect = CheckAspect.Headers,
                Kind = DriftKind.HeaderValue,
                Location = name,
                Observed = d.Kind == DriftKind.EnumValue ? d.Observed : _display.Header(value),
                Expected = $"{d.Expected} ({Names.Kebab(d.Kind.ToString())})",
            });
    }

    private void Body(ObservedResponse response, JsonObject documented, string responsePointer, string? mediaKey)
    {
        var content = documented["content"] as JsonObject ?? [];
        if (response.Body.Length == 0)
        {
            if (content.Count > 0)
            {
                Drift(CheckAspect.Body, DriftKind.MissingBody, "", JsonPointer.Append(responsePointer, "content"), $"a body ({string.Join(", ", content.Select(c => c.Key))})", "no body",
                    "the contract cannot make a documented body optional: check whether the service sends it in other cases", null);
            }
            else
            {
                Ok(CheckAspect.Body, "no body, as documented");
            }

            return;
        }

        if (content.Count == 0)
        {
            Drift(CheckAspect.Body, DriftKind.UnexpectedBody, "", responsePointer, "no body", $"a body of {Bytes(response.Body.Length)} ({response.MediaType ?? "no Content-Type"})",
                "document the body the service sends for this status", null);
            return;
        }

        if (mediaKey is null)
        {
            // The content-type check has said why the body cannot be read.
            return;
        }

        if (Parse(response.Body) is not { } body)
        {
            Error(CheckAspect.Body, $"the body is not valid JSON ({Bytes(response.Body.Length)})");
            return;
        }

        var schemaPointer = JsonPointer.Append(JsonPointer.Append(JsonPointer.Append(responsePointer, "content"), mediaKey), "schema");
        var drifts = StrictBodyCheck.Run(_document, _display, body, schemaPointer);
        if (drifts.Count > 0)
        {
            _results.Add(new CheckResult(_operation.Display, _exchange.Probe.Mode, CheckAspect.Body, CheckOutcome.Drift, drifts, "", Elapsed));
        }
        else
        {
            Ok(CheckAspect.Body, "keeps its schema strictly");
        }
    }

    /// <summary>For an undocumented status: the media type its body would be documented under.</summary>
    private static string? BodyMedia(ObservedResponse response) =>
        response.Body.Length == 0 || Parse(response.Body) is null ? null : response.MediaType ?? Json;

    /// <summary>
    /// For an undocumented status: a schema the operation already documents that the body keeps strictly (the
    /// smallest change: a 403 with the 401's error envelope), else one inferred from the body.
    /// </summary>
    private JsonObject? BodySchema(ObservedResponse response)
    {
        if (response.Body.Length == 0 || Parse(response.Body) is not { } body)
        {
            return null;
        }

        foreach (var status in _operation.Statuses())
        {
            var at = _operation.ResponsePointer(status);
            var (documented, pointer) = _document.Resolve(_document.At(at), at);
            foreach (var (media, entry) in documented?["content"] as JsonObject ?? [])
            {
                var schemaPointer = JsonPointer.Append(JsonPointer.Append(JsonPointer.Append(pointer, "content"), media), "schema");
                if (entry?["schema"] is JsonObject schema && StrictBodyCheck.Run(_document, ValueDisplay.Masked, body, schemaPointer).Count == 0)
                {
                    return schema.DeepClone().AsObject();
                }
            }
        }

        return SchemaInference.Infer(body);
    }

    private static JsonElement? Parse(byte[] body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static bool LooksLikeHtml(byte[] body)
    {
        var start = Encoding.UTF8.GetString(body, 0, Math.Min(body.Length, 256)).TrimStart('\uFEFF', ' ', '\t', '\r', '\n');
        return start.StartsWith("<!doctype html", StringComparison.OrdinalIgnoreCase) || start.StartsWith("<html", StringComparison.OrdinalIgnoreCase)
            || start.StartsWith("<head", StringComparison.OrdinalIgnoreCase) || start.StartsWith("<body", StringComparison.OrdinalIgnoreCase);
    }

    private static string Bytes(int count) => $"{count.ToString("N0", CultureInfo.InvariantCulture)} byte{(count == 1 ? "" : "s")}";

    private void Ok(CheckAspect aspect, string detail) =>
        _results.Add(new CheckResult(_operation.Display, _exchange.Probe.Mode, aspect, CheckOutcome.Ok, [], detail, Elapsed));

    private void Error(CheckAspect aspect, string detail) =>
        _results.Add(new CheckResult(_operation.Display, _exchange.Probe.Mode, aspect, CheckOutcome.Error, [], detail, Elapsed));

    private void Drift(CheckAspect aspect, DriftKind kind, string location, string contractPointer, string expected, string observed, string suggestion, ContractFix? fix) =>
        _results.Add(new CheckResult(_operation.Display, _exchange.Probe.Mode, aspect, CheckOutcome.Drift,
            [new Drift(kind, aspect, location, contractPointer, expected, observed, suggestion, fix)], "", Elapsed));
}
