using System.Text;
using System.Text.Json;
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
            foreach (var mutant in BodyMutants.Of(JsonNode.Parse(body)))
            {
                var bytes = Encoding.UTF8.GetBytes(mutant);
                if (BodyMutants.Refused(response.BodyValidator!, mutant))
                {
                    refused++;
                    BodyMutants.Accepted(response.BodyCheck!, bytes).Should().BeFalse($"NJsonSchema refuses this {vendor} {response.Status} body: {Encoding.UTF8.GetString(bytes)}");
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

    /// <summary>A format NJsonSchema checks (a published spec's date, time, byte…) is checked with NJsonSchema's own format check: the same verdict either way.</summary>
    [TestCase("date", "2026-01-31")]
    [TestCase("time", "12:34:56")]
    [TestCase("byte", "aGVsbG8=")]
    [TestCase("ipv4", "192.168.0.1")]
    [TestCase("hostname", "example.com")]
    public void A_format_NJsonSchema_checks_gets_its_verdict_from_the_quick_check(string format, string valid)
    {
        var schema = $$"""{"type": "string", "format": "{{format}}"}""";
        var check = BodyCheck.Compile(JsonNode.Parse(schema)!, _ => null)!;
        var reference = NJsonSchema.JsonSchema.FromJsonAsync(schema).GetAwaiter().GetResult();

        foreach (var text in new[] { valid, $"not a {format}!" })
        {
            var body = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(text));
            check.Accepts(body).Should().Be(reference.Validate(Encoding.UTF8.GetString(body)).Count == 0, $"NJsonSchema's verdict on \"{text}\" as {format}");
        }

        check.Accepts(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(valid))).Should().BeTrue();
        check.Accepts(Encoding.UTF8.GetBytes(JsonSerializer.Serialize($"not a {format}!"))).Should().BeFalse();
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

    /// <summary>
    /// allOf, anyOf, oneOf, not, null-only enums and string lengths in UTF-16 units, as NJsonSchema 10.7.2 reads them:
    /// the quick check never says yes to a body NJsonSchema refuses, and decides (says yes) where it claims to. A name
    /// given twice is read by Newtonsoft as its last value, so where a branch's "no" would turn into a "yes" (not, the
    /// other branches of oneOf) the quick check leaves such a body to NJsonSchema (decided: false).
    /// </summary>
    [TestCase("""{"oneOf": [{"type": "integer"}, {"type": "number"}]}""", "1", true)]
    [TestCase("""{"oneOf": [{"type": "integer"}, {"type": "number"}]}""", "1.5", true)]
    [TestCase("""{"type": "object", "not": {"properties": {"a": {"type": "string"}}}}""", """{"a": 1, "a": "x"}""", true)]
    [TestCase("""{"type": "object", "not": {"properties": {"a": {"type": "string"}}}}""", """{"a": 1}""", true)]
    [TestCase("""{"oneOf": [{"required": ["t"], "properties": {"t": {"enum": ["a"]}}}, {"required": ["t"], "properties": {"t": {"enum": ["b"]}}}]}""", """{"t": "a", "t": "b"}""", false)]
    [TestCase("""{"oneOf": [{"required": ["t"], "properties": {"t": {"enum": ["a"]}}}, {"required": ["t"], "properties": {"t": {"enum": ["b"]}}}]}""", """{"t": "b"}""", true)]
    [TestCase("""{"oneOf": [{"required": ["t"], "properties": {"t": {"enum": ["a"]}}}, {"required": ["t"], "properties": {"t": {"enum": ["b"]}}}]}""", """{"t": "c"}""", true)]
    [TestCase("""{"allOf": [{"type": "string", "minLength": 2}, {"maxLength": 4}]}""", "\"Zoë \"", true)]
    [TestCase("""{"allOf": [{"type": "string", "minLength": 2}, {"maxLength": 4}]}""", "\"Zoë x\"", true)]
    [TestCase("""{"type": "string", "maxLength": 2}""", "\"\ud83d\ude00\"", true)]
    [TestCase("""{"type": "string", "maxLength": 2}""", "\"\ud83d\ude00a\"", true)]
    [TestCase("""{"type": "string", "maxLength": 1}""", "\"e\u0301\"", true)]
    [TestCase("""{"anyOf": [{"type": "string"}, {"type": "null"}]}""", "null", true)]
    [TestCase("""{"anyOf": [{"type": "string"}, {"type": "null"}]}""", "1", true)]
    [TestCase("""{"type": ["string", "null"], "minLength": 3}""", "null", true)]
    [TestCase("""{"oneOf": [{"type": "string", "enum": ["a", "b"]}, {"enum": [null]}]}""", "\"a\"", true)]
    [TestCase("""{"oneOf": [{"type": "string", "enum": ["a", "b"]}, {"enum": [null]}]}""", "null", true)]
    [TestCase("""{"oneOf": [{"type": "string", "enum": ["a", "b"]}, {"enum": [null]}]}""", "\"c\"", true)]
    [TestCase("""{"not": {"type": "string"}}""", "1", true)]
    [TestCase("""{"not": {"type": "string"}}""", "\"x\"", true)]
    [TestCase("""{"type": "object", "if": {"required": ["a"]}, "then": {"required": ["b"]}}""", """{"a": 1}""", true)]
    public async Task A_composed_schema_gets_njsonschemas_verdict_or_leaves_it_to_njsonschema(string schema, string body, bool decided)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        var valid = (await NJsonSchema.JsonSchema.FromJsonAsync(schema)).Validate(body).Count == 0;

        Compile(schema).Accepts(bytes).Should().Be(valid && decided, $"NJsonSchema says {(valid ? "valid" : "invalid")}; decided by the quick check: {decided}");
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
}
