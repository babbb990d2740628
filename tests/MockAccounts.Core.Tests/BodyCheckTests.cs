using System.Text;
using System.Text.Json.Nodes;
using FluentAssertions;
using MockAccounts.Core.Contracts;
using MockAccounts.Core.Generation;
using MockAccounts.Core.Schemas;
using MockAccounts.Core.Validation;

namespace MockAccounts.Core.Tests;

/// <summary>
/// The serving path's quick body check against NJsonSchema, the independent reference: the same verdict on
/// every body the scenarios generate (realistic and edge), and never a "yes" where NJsonSchema says "no",
/// over every mutation of those bodies (a field removed, nulled, retyped, lengthened; a property added).
/// </summary>
public sealed class BodyCheckTests
{
    private static readonly (string Vendor, string Variant)[] Variants =
        [("runloop", "documented"), ("opterius", "documented"), ("opterius", "v2.7.0"), ("depicta", "documented"), ("ultravox", "documented")];

    private static IEnumerable<TestCaseData> AllVariants() => Variants.Select(v => new TestCaseData(v.Vendor, v.Variant));

    [TestCaseSource(nameof(AllVariants))]
    public void Every_generated_body_gets_njsonschemas_verdict(string vendor, string variantName)
    {
        var checkedBodies = 0;
        foreach (var (response, body) in Bodies(vendor, variantName))
        {
            var reference = SchemaValidator.Validate(response.BodyValidator!, body);

            response.BodyCheck!.Accepts(body).Should().Be(reference.Count == 0,
                $"{vendor} {response.Status}: NJsonSchema says {string.Join("; ", reference)} of {Encoding.UTF8.GetString(body)}");
            checkedBodies++;
        }

        checkedBodies.Should().BeGreaterThan(100);
    }

    [TestCaseSource(nameof(AllVariants))]
    public void No_mutation_njsonschema_refuses_is_accepted(string vendor, string variantName)
    {
        var refused = 0;
        foreach (var (response, body) in Bodies(vendor, variantName).Where((_, i) => i % 7 == 0))
        {
            foreach (var mutant in Mutants(JsonNode.Parse(body)))
            {
                var bytes = Encoding.UTF8.GetBytes(mutant?.ToJsonString() ?? "null");
                if (SchemaValidator.Validate(response.BodyValidator!, bytes).Count > 0)
                {
                    refused++;
                    response.BodyCheck!.Accepts(bytes).Should().BeFalse($"NJsonSchema refuses this {vendor} {response.Status} body: {Encoding.UTF8.GetString(bytes)}");
                }
            }
        }

        refused.Should().BeGreaterThan(100, "the mutations must produce bodies the contract forbids");
    }

    [Test]
    public void Every_served_response_schema_has_a_quick_check()
    {
        var withoutCheck = Contracts.Engine.Contracts.Vendors.Values
            .SelectMany(v => v.Variants.Values).SelectMany(v => v.Operations).SelectMany(o => o.Responses.Values)
            .Where(r => r.BodyValidator is not null && r.BodyCheck is null)
            .Select(r => r.Status)
            .ToArray();

        withoutCheck.Should().BeEmpty("every contract here keeps to the closed keyword set");
    }

    [TestCase("date")]
    [TestCase("time")]
    [TestCase("byte")]
    [TestCase("ipv4")]
    [TestCase("hostname")]
    public void A_format_NJsonSchema_checks_and_the_quick_check_does_not_leaves_the_schema_to_NJsonSchema(string format)
    {
        var check = BodyCheck.Compile(JsonNode.Parse($$"""{"type": "string", "format": "{{format}}"}""")!, _ => null);

        check.Should().BeNull($"a 'yes' to \"not-a-{format}\" would be wrong (a published spec's format)");
    }

    /// <summary>Bodies that only a reader of the whole text refuses: broken, cut short or followed by more.</summary>
    [TestCase("{\"id\": \"a\", \"n\": 1")]
    [TestCase("{\"id\": \"a\", \"n\": 1}}")]
    [TestCase("{\"id\": \"a\", \"n\": 1} {}")]
    [TestCase("{\"id\": \"a\", \"n\": 1, \"extra\": [1, }")]
    [TestCase("{\"id\": \"a\", \"n\": 1, \"extra\": {\"deep\": tru}}")]
    [TestCase("")]
    public void A_body_that_is_not_one_json_value_is_refused(string body)
    {
        var check = Compile("""{"type": "object", "required": ["id"], "properties": {"id": {"type": "string"}, "n": {"type": "integer"}}}""");

        check.Accepts(Encoding.UTF8.GetBytes(body)).Should().BeFalse();
    }

    /// <summary>One-pass object checks: a required name that is not declared still meets additionalProperties.</summary>
    [TestCase("""{"type": "object", "required": ["a"], "additionalProperties": false}""", """{"a": 1}""")]
    [TestCase("""{"type": "object", "required": ["a"], "additionalProperties": {"type": "string"}}""", """{"a": 1}""")]
    [TestCase("""{"type": "object", "required": ["a"], "additionalProperties": {"type": "string"}}""", """{"a": "x"}""")]
    [TestCase("""{"type": "object", "required": ["a", "b"], "properties": {"a": {"type": "integer"}}}""", """{"a": 1}""")]
    [TestCase("""{"type": "object", "required": ["a", "b"], "properties": {"a": {"type": "integer"}}}""", """{"b": null, "a": 1}""")]
    [TestCase("""{"type": "object", "required": ["a"], "properties": {"a": {"type": "integer"}}}""", """{"a": 1.5}""")]
    [TestCase("""{"type": "object", "properties": {"a": {"enum": [1, "x", null]}}}""", """{"a": 1}""")]
    [TestCase("""{"type": "object", "properties": {"a": {"enum": [1, "x", null]}}}""", """{"a": "\u0078"}""")]
    [TestCase("""{"type": "object", "properties": {"a": {"enum": [1, "x", null]}}}""", """{"a": {}}""")]
    [TestCase("""{"type": "array", "uniqueItems": true, "maxItems": 2, "items": {"type": "string", "maxLength": 3}}""", """["ab", "a\u0062"]""")]
    [TestCase("""{"type": "array", "uniqueItems": true, "maxItems": 2, "items": {"type": "string", "maxLength": 3}}""", """["ab", "abc"]""")]
    [TestCase("""{"type": "array", "uniqueItems": true, "maxItems": 2, "items": {"type": "string", "maxLength": 3}}""", """["ab", "abc", "a"]""")]
    [TestCase("""{"type": "object", "properties": {"when": {"type": "string", "format": "date-time"}}}""", """{"when": "2026-11-29T12:00:00Z", "other": {"x": [1, {"y": []}]}}""")]
    public async Task A_one_pass_verdict_is_njsonschemas(string schema, string body)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        var reference = SchemaValidator.Validate(await NJsonSchema.JsonSchema.FromJsonAsync(schema), bytes);

        Compile(schema).Accepts(bytes).Should().Be(reference.Count == 0, $"NJsonSchema says {string.Join("; ", reference)}");
    }

    private static BodyCheck Compile(string schema) => BodyCheck.Compile(JsonNode.Parse(schema)!, _ => null)!;

    private static IEnumerable<(ResponseContract Response, byte[] Body)> Bodies(string vendor, string variantName)
    {
        var variant = Contracts.Engine.Variant(vendor, variantName);
        foreach (var scenario in variant.Catalogue.Scenarios)
        {
            foreach (var step in scenario.Steps.Distinct())
            {
                if (!variant.Account.Responses.TryGetValue(step.Status, out var response) || response.BodyValidator is null)
                {
                    continue;
                }

                for (var token = 0; token < 4; token++)
                {
                    yield return (response, Contracts.Engine.Responses.Produce(variant, variant.Account, step, $"check-{token}").Body);
                    for (var request = 0; request < 6; request++)
                    {
                        yield return (response, Contracts.Engine.Responses.Produce(variant, variant.Account, step, $"edge-{token}", null, new RequestDraw(request, Variation.Edges)).Body);
                    }
                }
            }
        }
    }

    /// <summary>Each value in the body replaced, removed or joined by something its schema may forbid, one change at a time.</summary>
    private static IEnumerable<JsonNode?> Mutants(JsonNode? body)
    {
        JsonNode?[] replacements = [null, 12345, 1.5, -1, "x", new string('y', 300), "ünïcödé", true, new JsonObject(), new JsonArray(), "2026-13-45T99:99:99Z", "not-a-uuid"];
        foreach (var (path, _) in Paths(body, []))
        {
            foreach (var replacement in replacements)
            {
                yield return Replace(body, path, replacement?.DeepClone(), remove: false);
            }

            if (path.Count > 0)
            {
                yield return Replace(body, path, null, remove: true);
            }
        }

        foreach (var (path, node) in Paths(body, []))
        {
            if (node is JsonObject)
            {
                var copy = body!.DeepClone();
                Navigate(copy, path)!.AsObject()["unexpected_field"] = 1;
                yield return copy;
            }
        }
    }

    private static IEnumerable<(List<object> Path, JsonNode? Node)> Paths(JsonNode? node, List<object> path)
    {
        yield return (path, node);
        switch (node)
        {
            case JsonObject obj:
                foreach (var (name, child) in obj)
                {
                    foreach (var found in Paths(child, [.. path, name]))
                    {
                        yield return found;
                    }
                }

                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    foreach (var found in Paths(array[i], [.. path, i]))
                    {
                        yield return found;
                    }
                }

                break;
        }
    }

    private static JsonNode? Replace(JsonNode? body, List<object> path, JsonNode? value, bool remove)
    {
        if (path.Count == 0)
        {
            return value;
        }

        var copy = body!.DeepClone();
        var parent = Navigate(copy, path[..^1]);
        switch (parent, path[^1])
        {
            case (JsonObject obj, string name):
                if (remove)
                {
                    obj.Remove(name);
                }
                else
                {
                    obj[name] = value;
                }

                break;
            case (JsonArray array, int index):
                if (remove)
                {
                    array.RemoveAt(index);
                }
                else
                {
                    array[index] = value;
                }

                break;
        }

        return copy;
    }

    private static JsonNode? Navigate(JsonNode? node, List<object> path)
    {
        foreach (var step in path)
        {
            node = step is string name ? node![name] : node![(int)step];
        }

        return node;
    }
}
