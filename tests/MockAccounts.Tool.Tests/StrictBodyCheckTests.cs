using System.Text.Json;
using FluentAssertions;
using MockAccounts.Verification;
using MockAccounts.Verification.Contracts;

namespace MockAccounts.Tool.Tests;

/// <summary>The strict body check: stricter than JSON Schema where a typed consumer is, one drift per broken keyword, each at its pointers.</summary>
[Parallelizable(ParallelScope.All)]
public sealed class StrictBodyCheckTests
{
    private const string Schema = "/components/schemas/Thing";

    private static readonly ContractDocument Contract = ContractDocument.Parse("""
        {
          "openapi": "3.1.0",
          "components": {"schemas": {
            "Thing": {
              "type": "object",
              "required": ["id"],
              "properties": {
                "id": {"type": "integer", "minimum": 1, "maximum": 100},
                "ratio": {"type": "number"},
                "at": {"type": "string", "format": "date-time"},
                "key": {"type": "string", "format": "uuid"},
                "mail": {"type": "string", "format": "email"},
                "site": {"type": "string", "format": "uri"},
                "code": {"type": "string", "pattern": "^[A-Z]{2}$"},
                "nick": {"type": "string", "minLength": 2, "maxLength": 4},
                "tags": {"type": "array", "items": {"type": "string"}, "uniqueItems": true, "maxItems": 2},
                "labels": {"type": "object", "additionalProperties": {"type": "string"}},
                "open": {"type": "object", "properties": {"a": {"type": "string"}}},
                "state": {"type": ["string", "null"], "enum": ["on", "off", null]},
                "child": {"$ref": "#/components/schemas/Child"}
              }
            },
            "Child": {"type": "object", "additionalProperties": false, "properties": {"n": {"type": "integer"}}}
          }}
        }
        """, "contract.json");

    [TestCase("""{"id": 5}""", null, null, null, TestName = "A body that keeps the schema has no drift")]
    [TestCase("""{"id": 5.0}""", "integer-fraction", "/id", "/properties/id/type", TestName = "An integer written with a fraction is drift (JSON Schema would accept 5.0)")]
    [TestCase("""{"id": 1e2}""", "integer-fraction", "/id", "/properties/id/type", TestName = "An integer written with an exponent is drift")]
    [TestCase("""{"id": 5, "ratio": 2}""", null, null, null, TestName = "An integer where a number is declared is fine")]
    [TestCase("""{"id": "5"}""", "type-mismatch", "/id", "/properties/id/type", TestName = "A string where an integer is declared is a type drift")]
    [TestCase("""{"id": 0}""", "out-of-bounds", "/id", "/properties/id/minimum", TestName = "A number below its minimum is drift")]
    [TestCase("""{"id": 101}""", "out-of-bounds", "/id", "/properties/id/maximum", TestName = "A number above its maximum is drift")]
    [TestCase("""{"id": 5, "at": "2024-02-30T10:00:00Z"}""", "format", "/at", "/properties/at/format", TestName = "A date-time on a day that does not exist is drift")]
    [TestCase("""{"id": 5, "at": "2024-02-03 10:00:00"}""", "format", "/at", "/properties/at/format", TestName = "A date-time without T and offset is drift")]
    [TestCase("""{"id": 5, "at": "2024-02-03T10:00:00.123+01:00"}""", null, null, null, TestName = "A date-time with fraction and offset is fine")]
    [TestCase("""{"id": 5, "key": "3f1c2a9e7b4d4e2a9c1f2b3d4e5f6a7b"}""", "format", "/key", "/properties/key/format", TestName = "A uuid without hyphens is drift")]
    [TestCase("""{"id": 5, "mail": "ann at example.com"}""", "format", "/mail", "/properties/mail/format", TestName = "An email without an at sign is drift")]
    [TestCase("""{"id": 5, "site": "/billing"}""", "format", "/site", "/properties/site/format", TestName = "A relative uri is drift")]
    [TestCase("""{"id": 5, "code": "us"}""", "pattern", "/code", "/properties/code/pattern", TestName = "A string off its pattern is drift")]
    [TestCase("""{"id": 5, "nick": "Annabel"}""", "out-of-bounds", "/nick", "/properties/nick/maxLength", TestName = "A string over its maxLength is drift")]
    [TestCase("""{"id": 5, "nick": "A"}""", "out-of-bounds", "/nick", "/properties/nick/minLength", TestName = "A string under its minLength is drift")]
    [TestCase("""{"id": 5, "tags": ["a", "a"]}""", "duplicate-items", "/tags", "/properties/tags/uniqueItems", TestName = "Repeated items where uniqueItems is declared is drift")]
    [TestCase("""{"id": 5, "tags": ["a", "b", "c"]}""", "out-of-bounds", "/tags", "/properties/tags/maxItems", TestName = "More items than maxItems is drift")]
    [TestCase("""{"id": 5, "tags": ["a", 1]}""", "type-mismatch", "/tags/1", "/properties/tags/items/type", TestName = "An item of another type is drift at its index")]
    [TestCase("""{"id": 5, "labels": {"any-key": "v"}}""", null, null, null, TestName = "A map's keys are data, not unknown properties")]
    [TestCase("""{"id": 5, "labels": {"k": 1}}""", "type-mismatch", "/labels/k", "/properties/labels/additionalProperties/type", TestName = "A map's value is held to its additional schema")]
    [TestCase("""{"id": 5, "open": {"b": "x"}}""", "unknown-property", "/open/b", "/properties/open/properties", TestName = "An undeclared property is drift even where the schema allows others")]
    [TestCase("""{"id": 5, "state": null}""", null, null, null, TestName = "Null in a nullable enum is fine")]
    [TestCase("""{"id": 5, "state": "idle"}""", "enum-value", "/state", "/properties/state/enum", TestName = "A value the enum lacks is drift")]
    [TestCase("""{"id": 5, "child": {"n": 1, "m": 2}}""", "unknown-property", "/child/m", "#Child/properties", TestName = "A drift behind a reference points into the referenced schema")]
    [TestCase("""{"id": 5, "child": null}""", "null-not-allowed", "/child", "#Child/type", TestName = "Null where not nullable is drift, reported once")]
    [TestCase("""{}""", "missing-required", "/id", "/required", TestName = "A missing required property is drift at its would-be pointer")]
    public void The_body_is_held_strictly(string body, string? kind, string? at, string? contractPointer)
    {
        using var json = JsonDocument.Parse(body);

        var drifts = StrictBodyCheck.Run(Contract, ValueDisplay.Masked, json.RootElement, Schema);

        if (kind is null)
        {
            drifts.Should().BeEmpty();
            return;
        }

        var drift = drifts.Should().ContainSingle().Subject;
        drift.KindName.Should().Be(kind);
        drift.Location.Should().Be(at);
        drift.ContractPointer.Should().Be(contractPointer!.StartsWith("#Child", StringComparison.Ordinal)
            ? "/components/schemas/Child" + contractPointer["#Child".Length..]
            : Schema + contractPointer);
    }

    [Test]
    public void Masked_values_show_type_and_length_and_enum_values_only()
    {
        using var json = JsonDocument.Parse("""{"id": 500, "code": "usa", "nick": "Annabel", "state": "idle", "open": {"b": "secret text"}}""");

        var drifts = StrictBodyCheck.Run(Contract, ValueDisplay.Masked, json.RootElement, Schema);
        var shown = StrictBodyCheck.Run(Contract, new ValueDisplay(true, null), json.RootElement, Schema);

        drifts.Select(d => d.Observed).Should().BeEquivalentTo(["a value above the maximum", "a string of 3 characters that does not match", "a string of 7 characters", "\"idle\"", "a string of 11 characters"]);
        shown.Select(d => d.Observed).Should().Contain(["500", "\"Annabel\" (7 characters)", "\"secret text\""]);
    }
}
