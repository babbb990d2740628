using System.Text;
using System.Text.Json.Nodes;

namespace MockAccounts.Server.Tests;

/// <summary>One random request, and whether a 5xx answer would be legitimate for it.</summary>
public sealed record FuzzCase(string Method, string Target, IReadOnlyList<(string Name, string Value)> Headers, byte[]? Body, bool IsAdmin, bool AllowsServerError)
{
    /// <summary>
    /// Past the body limit the server answers 413 and closes at once; a client still uploading may see
    /// the close (broken pipe) before the answer. Either outcome is correct HTTP/1.1.
    /// </summary>
    public bool MayLoseConnection => Body is { Length: > 1024 * 1024 };

    public override string ToString() =>
        $"{Method} {(Target.Length > 120 ? Target[..120] + "…" : Target)} headers=[{string.Join(", ", Headers.Select(h => h.Name + ": " + (h.Value.Length > 40 ? h.Value[..40] + "…" : h.Value)))}] body={Body?.Length ?? 0} bytes";
}

/// <summary>
/// Seeded random requests. Admin calls get only invalid input (valid admin input changes state by
/// design); vendor calls get anything, including scenario requests, which may legitimately be 5xx.
/// </summary>
public sealed class FuzzCases
{
    private static readonly string[] Methods = ["GET", "GET", "GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "BREW"];
    private static readonly string[] AdminPaths =
    [
        "/__admin/health", "/__admin/scenarios", "/__admin/scenarios/{vendor}/state", "/__admin/requests", "/__admin/requests/{id}",
        "/__admin/requests/count", "/__admin/requests/find", "/__admin/requests/unmatched", "/__admin/vendors", "/__admin/vendors/{vendor}",
        "/__admin/vendors/{vendor}/openapi", "/__admin/vendors/{vendor}/variant", "/__admin/vendors/{vendor}/tokens/{token}/scenario",
        "/__admin/vendors/{vendor}/tokens/{token}/account", "/__admin/mappings", "/__admin/{garbage}",
    ];

    private readonly Random _random;
    private readonly string[] _vendorPaths;
    private readonly string[] _vendors;
    private readonly string[] _safeScenarios;
    private readonly HashSet<string> _serverErrorScenarios;

    public FuzzCases(int seed, RunningServer server)
    {
        _random = new Random(seed);
        var contracts = server.Contracts.Current.Contracts;
        _vendors = contracts.Vendors.Keys.ToArray();
        _vendorPaths = contracts.Vendors.Values.SelectMany(v => v.Variants.Values).SelectMany(v => v.Operations)
            .SelectMany(o => new[] { o.Path, $"/{contracts.Vendors.Values.First(v => v.Variants.Values.Any(x => x.Operations.Contains(o))).Name}{o.Path}" })
            .Distinct().ToArray();
        var scenarios = contracts.Vendors.Values.SelectMany(v => v.Variants.Values).SelectMany(v => v.Catalogue.Scenarios).ToArray();
        // Delays would only slow the run; faults close connections on purpose. Both are asked for, never random.
        _safeScenarios = scenarios.Where(s => s.Steps.All(p => p.Delay is null && p.Fault is null)).Select(s => s.Name).Distinct().ToArray();
        _serverErrorScenarios = scenarios.Where(s => s.Steps.Any(p => p.Status >= 500)).Select(s => s.Name).ToHashSet();
    }

    /// <summary>
    /// Stub mappings from issue 24's attack run, installed before the run (valid admin input, so not a fuzz case):
    /// catastrophic regexes, a slow JSONPath, templates that blow up or render what HTTP cannot carry, a lognormal
    /// delay whose draws overflow. The random cases and <see cref="Seeds"/> then run against them.
    /// </summary>
    public static readonly IReadOnlyList<string> AttackMappings =
    [
        .. Enumerable.Repeat("""{"request": {"method": "GET", "urlPattern": "((.|/)*)*Q", "headers": {"X-Never": {"equalTo": "never"}}}, "response": {"status": 204}}""", 25),
        """{"request": {"method": "POST", "urlPath": "/attack/jp", "bodyPatterns": [{"matchesJsonPath": {"expression": "$..*", "matches": "((.|/)*)*Q"}}]}, "response": {"status": 204}}""",
        """{"request": {"urlPathPattern": "/attack/nest/.*"}, "response": {"body": "{{#each request.pathSegments}}{{#each ../request.pathSegments}}{{#each ../../request.pathSegments}}{{this}}{{/each}}{{/each}}{{/each}}", "transformers": ["response-template"]}}""",
        """{"request": {"urlPath": "/attack/echo"}, "response": {"status": 200, "headers": {"X-Echo": "{{request.query.x}}"}, "transformers": ["response-template"]}}""",
        """{"request": {"urlPath": "/attack/when"}, "response": {"body": "{{now offset='2147483647 years'}}", "transformers": ["response-template"]}}""",
        """{"request": {"urlPath": "/attack/delay"}, "response": {"status": 204, "delayDistribution": {"type": "lognormal", "median": 0, "sigma": 600000}}}""",
    ];

    /// <summary>The attack run's requests, sent before the random ones; each names the 5xx problem it may legitimately get.</summary>
    public static IEnumerable<FuzzCase> Seeds()
    {
        var longToken = "Bearer " + new string('t', 30 * 1024);
        yield return new FuzzCase("GET", "/v1/accounts/me", [("Authorization", longToken), ("X-Mock-Scenario", "rate-limited-once")], null, IsAdmin: false, AllowsServerError: false);
        yield return new FuzzCase("GET", "/v1/accounts/me", [("Authorization", longToken), ("Prefer", "scenario=flaky")], null, IsAdmin: false, AllowsServerError: false);
        yield return new FuzzCase("GET", "/v1/accounts/me", [("Authorization", longToken), ("Prefer", "variation=edges")], null, IsAdmin: false, AllowsServerError: false);
        yield return new FuzzCase("GET", "/v1/accounts/me", [("Authorization", "Bearer rl_edges"), ("Prefer", "variation=edges")], null, IsAdmin: false, AllowsServerError: false);
        yield return new FuzzCase("GET", "/v1/accounts/me?filter=" + new string('a', 40), [("Authorization", "Bearer rl_regex")], null, IsAdmin: false, AllowsServerError: false);
        yield return new FuzzCase("POST", "/attack/jp", [("X-Fuzz-Content-Type", "application/json")],
            Encoding.UTF8.GetBytes("{" + string.Join(", ", Enumerable.Range(0, 40).Select(i => $"\"f{i}\": \"aaaaaaaaaaaaaaaaaaaaaaa\"")) + "}"), IsAdmin: false, AllowsServerError: true);
        yield return new FuzzCase("GET", "/attack/nest/" + string.Join("/", Enumerable.Range(0, 380).Select(i => $"s{i:D4}")), [], null, IsAdmin: false, AllowsServerError: true);
        yield return new FuzzCase("GET", "/attack/echo?x=caf%C3%A9", [], null, IsAdmin: false, AllowsServerError: true);
        yield return new FuzzCase("GET", "/attack/echo?x=a%0D%0ASet-Cookie:%20stolen=1", [], null, IsAdmin: false, AllowsServerError: true);
        yield return new FuzzCase("GET", "/attack/when", [], null, IsAdmin: false, AllowsServerError: true);
        yield return new FuzzCase("GET", "/attack/delay", [], null, IsAdmin: false, AllowsServerError: false);

        yield return Admin("POST", "/__admin/vendors/runloop/tokens", Encoding.UTF8.GetBytes($$"""{"token": "{{new string('b', 900 * 1024)}}", "scenario": "quota-reached"}"""));
        yield return Admin("POST", "/__admin/requests/count", Encoding.UTF8.GetBytes("""{"headers": {"Authorization": {"matches": "Bearer rl_S.*"}}}"""));
        yield return Admin("POST", "/__admin/requests/find", Encoding.UTF8.GetBytes("""{"cookies": {"session": {"matches": ".*"}}}"""));
        yield return Admin("POST", "/__admin/mappings", Encoding.UTF8.GetBytes("""{"request": {"urlPath": "/attack/split"}, "response": {"headers": {"X-Split": "a\r\nSet-Cookie: stolen=1"}}}"""));
        yield return Admin("POST", "/__admin/mappings", Encoding.UTF8.GetBytes("""{"request": {"urlPath": "/attack/nul"}, "response": {"bodyFileName": "a\u0000b.json"}}"""));
        yield return Admin("POST", "/__admin/mappings", Encoding.UTF8.GetBytes("""{"request": {"urlPath": "/attack/dup", "urlPath": "/attack/dup2"}, "response": {"status": 200}}"""));
        yield return Admin("POST", "/__admin/mappings", [.. Encoding.UTF8.GetBytes("""{"request": {"urlPath": "/attack/utf8"}, "response": {"body": "caf"""), 0xE9, .. Encoding.UTF8.GetBytes("\"}}")]);
        yield return Admin("POST", "/__admin/mappings", Encoding.UTF8.GetBytes(new JsonObject
        {
            ["request"] = new JsonObject { ["urlPath"] = "/attack/big" },
            ["response"] = new JsonObject { ["body"] = string.Concat(Enumerable.Repeat("{{request.path}} ", 13_000)), ["transformers"] = new JsonArray("response-template") },
        }.ToJsonString()));

        static FuzzCase Admin(string method, string target, byte[] body) =>
            new(method, target, [("X-Fuzz-Content-Type", "application/json")], body, IsAdmin: true, AllowsServerError: false);
    }

    public FuzzCase Next()
    {
        var roll = _random.NextDouble();
        return roll < 0.6 ? Vendor() : roll < 0.85 ? Admin() : Garbage();
    }

    private FuzzCase Vendor()
    {
        var headers = new List<(string, string)>();
        var allowsServerError = false;
        if (Chance(0.8))
        {
            headers.Add(Pick(
                ("Authorization", "Bearer " + Token()), ("Authorization", "Bearer "), ("Authorization", "Basic " + Ascii(12)), ("Authorization", Ascii(30)),
                ("X-API-Key", Token()), ("X-Unsafe-API-Key", Token()), ("Authorization", "Bearer " + new string('a', 6000))));
        }

        if (Chance(0.3))
        {
            var scenario = Chance(0.8) ? Pick(_safeScenarios) : "zz-" + Ascii(6).ToLowerInvariant();
            allowsServerError |= _serverErrorScenarios.Contains(scenario);
            headers.Add(Chance(0.5) ? ("Prefer", $"scenario={scenario}") : ("X-Mock-Scenario", scenario));
        }

        if (Chance(0.1))
        {
            var code = Chance(0.8) ? _random.Next(100, 1000).ToString(System.Globalization.CultureInfo.InvariantCulture) : Ascii(3);
            allowsServerError |= code.Length == 3 && code[0] is '5' or '6' or '7' or '8' or '9';
            headers.Add(("Prefer", $"code={code}, {Ascii(5)}={Ascii(5)}"));
        }

        return new FuzzCase(Pick(Methods), Pick(_vendorPaths) + Query(), WithContentType(headers), Body(), IsAdmin: false, allowsServerError);
    }

    private FuzzCase Admin()
    {
        var path = Pick(AdminPaths)
            .Replace("{vendor}", Chance(0.7) ? Pick(_vendors) : Segment(), StringComparison.Ordinal)
            .Replace("{token}", "fuzz-" + Segment(), StringComparison.Ordinal)
            .Replace("{id}", Chance(0.5) ? Guid.NewGuid().ToString() : Segment(), StringComparison.Ordinal)
            .Replace("{garbage}", Segment(), StringComparison.Ordinal);
        var method = Pick("GET", "PUT", "PATCH", "POST", "DELETE");
        if (method == "DELETE" && !path.Contains("/tokens/", StringComparison.Ordinal))
        {
            method = "GET"; // DELETE /__admin/requests empties the journal by design
        }

        return new FuzzCase(method, path + Query(), WithContentType([]), InvalidAdminBody(), IsAdmin: true, AllowsServerError: false);
    }

    private FuzzCase Garbage()
    {
        var path = Pick(
            "/" + string.Join("/", Enumerable.Range(0, _random.Next(1, 6)).Select(_ => Segment())),
            "/%FF%FE/%00/..%2F..%2Fetc/passwd",
            "/v1//accounts//me",
            "/v1/accounts/me/" + new string('x', _random.Next(100, 9000)),
            "/ünïcødé/✓/" + Segment(),
            "/runloop/" + Segment(),
            "/__admin");
        return new FuzzCase(Pick(Methods), path + Query(), WithContentType([]), Body(), path == "/__admin", AllowsServerError: false);
    }

    private List<(string, string)> WithContentType(List<(string, string)> headers)
    {
        if (Chance(0.5))
        {
            headers.Add(("X-Fuzz-Content-Type", Pick("application/json", "text/plain", "application/merge-patch+json", Ascii(10))));
        }

        return headers;
    }

    private byte[]? Body() => _random.Next(8) switch
    {
        0 => null,
        1 => Encoding.UTF8.GetBytes("""{"name": "Fuzz Name"}"""),
        2 => Encoding.UTF8.GetBytes("{\"name\": " + Pick("42", "null", "[1,2]", "{\"a\":1}", "true", $"\"{new string('n', 500)}\"") + "}"),
        3 => Encoding.UTF8.GetBytes(Pick("{", "{\"name\":", "[", "nul", "{\"a\" 1}", "\"unterminated", "}{")),
        4 => [0xFF, 0xFE, 0xC3, 0x28, 0xA0, 0xA1, 0xE2, 0x28, 0xA1],
        5 => Encoding.UTF8.GetBytes(new string('[', 5000) + new string(']', 5000)),
        6 => Chance(0.1) ? new byte[1_200_000] : Encoding.UTF8.GetBytes("{\"name\": \"" + new string('z', _random.Next(1, 50_000)) + "\"}"),
        _ => Encoding.UTF8.GetBytes("{\"user\": {\"name\": 5, \"email_verified\": \"yes\"}, \"extra\": [" + string.Join(",", Enumerable.Range(0, 100)) + "]}"),
    };

    private byte[] InvalidAdminBody() => _random.Next(7) switch
    {
        0 => Encoding.UTF8.GetBytes(Pick("{", "{\"state\":", "[", "{\"scenario\" 1}")),
        1 => Encoding.UTF8.GetBytes("{\"state\": " + Pick("5", "null", "[]", "{}", "true") + ", \"scenario\": 7, \"variant\": false}"),
        2 => Encoding.UTF8.GetBytes($"{{\"state\": \"zz-{Segment()}\", \"scenario\": \"zz-{Segment()}\", \"variant\": \"zz-{Segment()}\"}}"),
        3 => [0xFF, 0xFE, 0x00, 0x7B],
        4 => Encoding.UTF8.GetBytes(new string('{', 3000)),
        5 => Encoding.UTF8.GetBytes("{\"method\": 1, \"urlPattern\": \"(\", \"headers\": {\"X\": {\"caseInsensitive\": \"yes\", \"equalTo\": 3}}, \"user\": {\"balance_eur\": 1}}"),
        _ => Encoding.UTF8.GetBytes("[\"" + new string('s', _random.Next(1, 20_000)) + "\"]"),
    };

    private string Query() => _random.Next(4) switch
    {
        0 => "",
        1 => $"?{Segment()}={Segment()}",
        2 => "?a=%ZZ&b=%FF&&=&limit=-1&since=never",
        _ => "?" + string.Join("&", Enumerable.Range(0, _random.Next(1, 40)).Select(i => $"k{i}={Ascii(8)}")),
    };

    private string Token() => Pick("tok_" + Ascii(10), Ascii(_random.Next(1, 300)), "dpct_" + Guid.NewGuid().ToString("N"), "k." + Ascii(32));

    private string Segment() => Uri.EscapeDataString(Ascii(_random.Next(1, 20)));

    private string Ascii(int length)
    {
        const string Alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.~!$&'()*+,;=:@%";
        return new string(Enumerable.Range(0, length).Select(_ => Alphabet[_random.Next(Alphabet.Length)]).ToArray());
    }

    private bool Chance(double p) => _random.NextDouble() < p;

    private T Pick<T>(params T[] items) => items[_random.Next(items.Length)];
}
