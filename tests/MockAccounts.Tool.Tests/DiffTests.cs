using System.Text.Json.Nodes;
using FluentAssertions;
using MockAccounts.Verification.Diff;
using MockAccounts.Verification.Reports;

namespace MockAccounts.Tool.Tests;

/// <summary><c>mockaccounts diff</c> on hand-made pairs, one change each, and on Opterius' documented contract against v2.7.0.</summary>
[Parallelizable(ParallelScope.All)]
[CancelAfter(60_000)]
public sealed class DiffTests
{
    private const string Base = """
        {
          "openapi": "3.1.0",
          "info": {"title": "Pair", "version": "1"},
          "security": [{"bearer": []}],
          "paths": {
            "/v1/me": {
              "get": {
                "x-mock": {"role": "account"},
                "parameters": [{"name": "expand", "in": "query", "required": false, "schema": {"type": "string"}}],
                "responses": {
                  "200": {
                    "description": "The account.",
                    "headers": {"X-Request-Id": {"required": true, "schema": {"type": "string"}}},
                    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Account"}}}
                  },
                  "401": {"description": "No.", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}
                }
              },
              "patch": {
                "x-mock": {"role": "action", "status": 200, "respond": "account"},
                "requestBody": {"required": true, "content": {"application/json": {"schema": {"type": "object", "required": ["name"], "properties": {"name": {"type": "string", "maxLength": 100}}}}}},
                "responses": {"200": {"description": "Updated.", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Account"}}}}}
              }
            }
          },
          "components": {
            "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}},
            "schemas": {
              "Account": {
                "type": "object",
                "required": ["id", "status", "nickname"],
                "properties": {
                  "id": {"type": "integer", "minimum": 1},
                  "status": {"type": "string", "enum": ["active", "closed"]},
                  "nickname": {"type": "string", "description": "Shown to others."},
                  "created_at": {"type": "string", "format": "date-time"},
                  "email": {"type": ["string", "null"]}
                }
              },
              "Error": {"type": "object", "required": ["message"], "properties": {"message": {"type": "string"}}}
            }
          }
        }
        """;

    private static JsonObject Account(JsonObject c) => c["components"]!["schemas"]!["Account"]!.AsObject();

    private static JsonObject Get(JsonObject c) => c["paths"]!["/v1/me"]!["get"]!.AsObject();

    public static IEnumerable<TestCaseData> Pairs()
    {
        TestCaseData Pair(string name, Action<JsonObject> change, string kind, bool breaking, string at, int operations = 1) =>
            new TestCaseData(change, kind, breaking, at, operations).SetName($"{(breaking ? "Breaking" : "Not breaking")}: {name}");
        static JsonObject Update(JsonObject c) => c["paths"]!["/v1/me"]!["patch"]!["requestBody"]!["content"]!["application/json"]!["schema"]!.AsObject();

        yield return Pair("a field removed", c => { Account(c)["properties"]!.AsObject().Remove("nickname"); Account(c)["required"] = new JsonArray("id", "status"); }, "property-removed", true, "/nickname");
        yield return Pair("a field made optional", c => Account(c)["required"] = new JsonArray("id", "status"), "made-optional", true, "/nickname");
        yield return Pair("a field made nullable", c => Account(c)["properties"]!["nickname"]!["type"] = new JsonArray("string", "null"), "made-nullable", true, "/nickname");
        yield return Pair("a type changed", c => Account(c)["properties"]!["id"]!["type"] = "string", "type-changed", true, "/id");
        yield return Pair("a new enum value in a response", c => Account(c)["properties"]!["status"]!["enum"]!.AsArray().Add("suspended"), "enum-value-added", true, "/status");
        yield return Pair("a new status in a response", c => Get(c)["responses"]!["429"] = new JsonObject { ["description"] = "Slow down." }, "status-added", true, "");
        yield return Pair("an operation removed", c => c["paths"]!["/v1/me"]!.AsObject().Remove("patch"), "operation-removed", true, "");
        yield return Pair("a status removed", c => Get(c)["responses"]!.AsObject().Remove("401"), "status-removed", true, "");
        yield return Pair("the auth scheme changed", c => c["components"]!["securitySchemes"]!["bearer"] = new JsonObject { ["type"] = "apiKey", ["in"] = "header", ["name"] = "X-API-Key" }, "auth-changed", true, "", operations: 2);
        yield return Pair("the credential's scheme made case-sensitive", c => c["components"]!["securitySchemes"]!["bearer"]!["x-mock-credential"] = new JsonObject { ["caseSensitiveScheme"] = true }, "auth-changed", true, "http bearer (Authorization)", operations: 2);
        yield return Pair("a format dropped", c => Account(c)["properties"]!["created_at"]!.AsObject().Remove("format"), "format-changed", true, "/created_at");
        yield return Pair("a bound loosened", c => Account(c)["properties"]!["id"]!["minimum"] = 0, "bound-changed", true, "/id");
        yield return Pair("a required header removed", c => Get(c)["responses"]!["200"]!.AsObject().Remove("headers"), "header-removed", true, "X-Request-Id");
        yield return Pair("a new required request field", c => { Update(c)["properties"]!["bio"] = new JsonObject { ["type"] = "string" }; Update(c)["required"]!.AsArray().Add("bio"); }, "property-added", true, "/bio");
        yield return Pair("a request bound tightened", c => Update(c)["properties"]!["name"]!["maxLength"] = 50, "bound-changed", true, "/name");
        yield return Pair("a new required parameter", c => Get(c)["parameters"]!.AsArray().Add(new JsonObject { ["name"] = "org", ["in"] = "query", ["required"] = true, ["schema"] = new JsonObject { ["type"] = "string" } }), "parameter-added", true, "query org");

        yield return Pair("a field added", c => Account(c)["properties"]!["plan"] = new JsonObject { ["type"] = "string" }, "property-added", false, "/plan");
        yield return Pair("a field made required", c => Account(c)["required"]!.AsArray().Add("created_at"), "made-required", false, "/created_at");
        yield return Pair("an enum value removed", c => Account(c)["properties"]!["status"]!["enum"] = new JsonArray("active"), "enum-value-removed", false, "/status");
        yield return Pair("null no longer allowed", c => Account(c)["properties"]!["email"]!["type"] = "string", "made-non-nullable", false, "/email");
        yield return Pair("an operation added", c => c["paths"]!["/v1/usage"] = new JsonObject { ["get"] = Get(c).DeepClone() }, "operation-added", false, "");
        yield return Pair("a format added", c => Account(c)["properties"]!["nickname"]!["format"] = "email", "format-changed", false, "/nickname");
        yield return Pair("a bound tightened", c => Account(c)["properties"]!["id"]!["maximum"] = 1_000_000, "bound-changed", false, "/id");
        yield return Pair("an optional header added", c => Get(c)["responses"]!["200"]!["headers"]!["X-Rate"] = new JsonObject { ["schema"] = new JsonObject { ["type"] = "string" } }, "header-added", false, "X-Rate");
        yield return Pair("an optional parameter added", c => Get(c)["parameters"]!.AsArray().Add(new JsonObject { ["name"] = "fields", ["in"] = "query", ["schema"] = new JsonObject { ["type"] = "string" } }), "parameter-added", false, "query fields");
        yield return Pair("a request field made optional", c => Update(c)["required"] = new JsonArray(), "made-optional", false, "/name");
        yield return Pair("an optional request field added", c => Update(c)["properties"]!["bio"] = new JsonObject { ["type"] = "string" }, "property-added", false, "/bio");
    }

    [TestCaseSource(nameof(Pairs))]
    public async Task Each_change_is_classified_for_a_consumer(Action<JsonObject> change, string kind, bool breaking, string at, int operations)
    {
        var (from, to) = PairFiles(change);

        var run = await ToolRun.RunAsync("diff", from, to, "--format", "json");

        run.Exit.Should().Be(breaking ? 1 : 0, run.Output + run.Error);
        var changes = JsonNode.Parse(run.Output)!["vendors"]![0]!["changes"]!.AsArray();
        changes.Should().HaveCount(operations, run.Output);
        foreach (var found in changes)
        {
            found!["kind"]!.GetValue<string>().Should().Be(kind);
            found["breaking"]!.GetValue<bool>().Should().Be(breaking);
            found["at"]!.GetValue<string>().Should().Be(at);
        }
    }

    [Test]
    public async Task Descriptions_and_examples_are_not_changes()
    {
        var (from, to) = PairFiles(c =>
        {
            Account(c)["properties"]!["nickname"]!["description"] = "Shown to other users.";
            Account(c)["properties"]!["nickname"]!["examples"] = new JsonArray("ann");
            c["info"]!["version"] = "2";
        });

        var run = await ToolRun.RunAsync("diff", from, to);

        run.Exit.Should().Be(0);
        run.Output.Should().Contain("  no changes").And.EndWith("0 changes, 0 breaking. Exit 0.\n");
    }

    [Test]
    public void Opterius_documented_against_v2_7_0_lists_exactly_the_differences_the_readme_describes()
    {
        var report = DiffSides.CompareVariants([Repository.Root], "opterius", "documented", "v2.7.0");

        report.Vendors.Single().Changes.Select(c => $"{(c.Breaking ? "breaking" : "non-breaking")} {c.Where} {c.Pointer} {c.KindName}").Should().BeEquivalentTo(
        [
            "breaking security http bearer (Authorization) auth-changed",
            "breaking 200 body  envelope-removed",
            "breaking 200 body /address1 property-removed",
            "breaking 200 body /address2 property-removed",
            "breaking 200 body /country property-removed",
            "breaking 200 body /currency_code property-removed",
            "breaking 200 body /created_at property-removed",
            "breaking 200 body /city made-nullable",
            "breaking 200 body /state made-nullable",
            "breaking 200 body /postcode made-nullable",
            "breaking 200 body /status enum-value-added",
            "breaking 401 body /message property-removed",
            "non-breaking 200 body /address property-added",
            "non-breaking 200 body /country_code property-added",
            "non-breaking 200 body /currency property-added",
            "non-breaking 200 body /status enum-value-removed",
            "non-breaking 401 body /error property-added",
        ]);
        report.ExitCode.Should().Be(1);

        // The README shows this very output (its first line names the files as seen from the repository root).
        var readme = File.ReadAllText(Path.Combine(Repository.Root, "README.md"));
        var shown = DiffText.Write(report).Split('\n').Skip(1).ToArray();
        readme.Should().Contain(string.Join("\n", shown), "README's Opterius section shows the diff as it is");
    }

    [Test]
    public async Task Two_contract_folders_are_compared_vendor_by_vendor()
    {
        var old = Repository.CopyOf(Repository.Root);
        var @new = Repository.CopyOf(Repository.Root);
        var file = Path.Combine(@new, "schemas/ultravox/openapi.json");
        var contract = JsonNode.Parse(await File.ReadAllTextAsync(file))!.AsObject();
        contract["components"]!["schemas"]!["Account"]!["properties"]!["activeCalls"]!["type"] = "number";
        await File.WriteAllTextAsync(file, contract.ToJsonString());
        Directory.Delete(Path.Combine(@new, "schemas/depicta"), recursive: true);

        var run = await ToolRun.RunAsync("diff", old, @new, "--format", "json");

        run.Exit.Should().Be(1);
        var vendors = JsonNode.Parse(run.Output)!["vendors"]!.AsArray();
        vendors.Select(v => v!["vendor"]!.GetValue<string>()).Should().Equal("depicta", "opterius", "runloop", "ultravox");
        vendors[0]!["changes"]![0]!["kind"]!.GetValue<string>().Should().Be("vendor-removed");
        vendors[1]!["changes"]!.AsArray().Should().BeEmpty();
        vendors[3]!["changes"]!.AsArray().Should().ContainSingle().Which!["change"]!.GetValue<string>().Should().Be("type integer → number");
    }

    [Test]
    public async Task Diffing_variants_needs_a_vendor_and_names_the_variants_there_are()
    {
        var missing = await ToolRun.RunAsync("diff");
        var unknown = await ToolRun.RunAsync("diff", "--vendor", "opterius", "--to-variant", "v3");

        missing.Exit.Should().Be(2);
        missing.Error.Should().Contain("give OLD and NEW (two contract folders, vendor folders or OpenAPI files), or --vendor V --from-variant A --to-variant B");
        unknown.Exit.Should().Be(2);
        unknown.Error.Should().Contain("vendor 'opterius' has no variant 'v3' in").And.Contain("(variants: documented, v2.7.0)");
    }

    private static (string From, string To) PairFiles(Action<JsonObject> change)
    {
        var folder = Path.Combine(Path.GetTempPath(), "mockaccounts-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(folder, "old"));
        Directory.CreateDirectory(Path.Combine(folder, "new"));
        var changed = JsonNode.Parse(Base)!.AsObject();
        change(changed);
        var from = Path.Combine(folder, "old", "openapi.json");
        var to = Path.Combine(folder, "new", "openapi.json");
        File.WriteAllText(from, Base);
        File.WriteAllText(to, changed.ToJsonString());
        return (from, to);
    }
}
