using System.Text.Json.Nodes;
using FluentAssertions;
using MockAccounts.Core.Contracts;
using MockAccounts.Core.Generation;
using MockAccounts.Core.Http;
using MockAccounts.Core.Responses;
using MockAccounts.Core.Scenarios;
using MockAccounts.Core.Schemas;

namespace MockAccounts.Core.Tests;

/// <summary>
/// <c>variation=edges</c>: successive requests of one token walk what each contract allows, every
/// body still valid, deterministic per (seed, vendor, token, request number).
/// </summary>
public sealed class EdgeVariationTests
{
    /// <summary>The request budget within which every optional field is left out and every nullable one is null.</summary>
    public const int CoverageBound = 128;

    private static readonly (string Vendor, string Variant)[] Variants =
        [("runloop", "documented"), ("opterius", "documented"), ("opterius", "v2.7.0"), ("depicta", "documented"), ("ultravox", "documented")];

    private static IEnumerable<TestCaseData> AllVariants() => Variants.Select(v => new TestCaseData(v.Vendor, v.Variant));

    private static ResponseContract Success(VariantContract variant) => variant.Account.Responses[200];

    private static MockResponse Edge(VariantContract variant, ResponseStep step, string token, long request) =>
        Contracts.Engine.Responses.Produce(variant, variant.Account, step, token, null, new RequestDraw(request, Variation.Edges));

    private static ResponseStep Plain(int status) => new(status, null, new Dictionary<string, string>(), null, null, 1);

    [TestCaseSource(nameof(AllVariants))]
    public void Within_the_bound_every_optional_field_is_absent_and_every_nullable_field_null(string vendor, string variantName)
    {
        var variant = Contracts.Engine.Variant(vendor, variantName);
        var fields = Fields(Success(variant).Body!, "").ToList();
        var absent = fields.Where(f => f.Optional).Select(f => f.Pointer).ToHashSet();
        var nullable = fields.Where(f => f.Nullable).Select(f => f.Pointer).ToHashSet();
        (absent.Count + nullable.Count).Should().BePositive("every contract here has optional or nullable fields");

        for (var request = 0; request < CoverageBound && (absent.Count > 0 || nullable.Count > 0); request++)
        {
            var response = Edge(variant, Plain(200), "edge-coverage", request);
            MockAccounts.Core.Validation.ResponseValidator.Validate(variant.Account, response.Status, response.Headers, response.Body, independently: true).Should().BeEmpty($"request {request} must keep the contract");
            var body = JsonNode.Parse(response.Body)!;
            absent.RemoveWhere(pointer => IsAbsent(body, pointer));
            nullable.RemoveWhere(pointer => IsNull(body, pointer));
        }

        absent.Should().BeEmpty($"within {CoverageBound} requests each optional field of {vendor} ({variantName}) is left out at least once");
        nullable.Should().BeEmpty($"within {CoverageBound} requests each nullable field of {vendor} ({variantName}) is null at least once");
    }

    [TestCaseSource(nameof(AllVariants))]
    public void Within_the_bound_every_enum_value_is_sent(string vendor, string variantName)
    {
        var variant = Contracts.Engine.Variant(vendor, variantName);
        var missing = Fields(Success(variant).Body!, "")
            .Where(f => f.Schema.Enum is not null)
            .SelectMany(f => f.Schema.Enum!.Where(v => v is not null).Select(v => (f.Pointer, Value: v!.ToJsonString())))
            .ToHashSet();

        for (var request = 0; request < CoverageBound && missing.Count > 0; request++)
        {
            var body = JsonNode.Parse(Edge(variant, Plain(200), "edge-enums", request).Body)!;
            missing.RemoveWhere(m => Find(body, m.Pointer) is { } value && value.ToJsonString() == m.Value);
        }

        missing.Should().BeEmpty();
    }

    [TestCaseSource(nameof(AllVariants))]
    public void Every_scenario_of_every_status_stays_valid_under_edges(string vendor, string variantName)
    {
        var variant = Contracts.Engine.Variant(vendor, variantName);
        foreach (var step in variant.Catalogue.Scenarios.SelectMany(s => s.Steps).Distinct())
        {
            for (var request = 0; request < 16; request++)
            {
                var response = Edge(variant, step, "edge-scenarios", request);
                MockAccounts.Core.Validation.ResponseValidator.Validate(variant.Account, response.Status, response.Headers, response.Body, independently: true).Should().BeEmpty($"{vendor} {step.Status} request {request}");
            }
        }
    }

    [Test]
    public void Edge_bodies_are_fixed_by_seed_vendor_token_and_request_number()
    {
        var variant = Contracts.Engine.Variant("runloop");
        var first = Enumerable.Range(0, 12).Select(n => Edge(variant, Plain(200), "edge-determinism", n).Body).ToArray();
        var again = Enumerable.Range(0, 12).Select(n => Edge(variant, Plain(200), "edge-determinism", n).Body).ToArray();

        again.Should().BeEquivalentTo(first, o => o.WithStrictOrdering());
        first.Distinct(new BytesComparer()).Should().HaveCount(12, "successive requests walk different edges");
        Edge(variant, Plain(200), "another-token", 0).Body.Should().NotEqual(first[0]);
    }

    [Test]
    public void Scenario_overrides_still_hold_under_edges()
    {
        var variant = Contracts.Engine.Variant("runloop");
        var step = variant.Catalogue.Find("quota-reached")!.Steps[0];
        for (var request = 0; request < 40; request++)
        {
            var body = JsonNode.Parse(Edge(variant, step, "edge-quota", request).Body)!;
            body["account_status"]!.GetValue<string>().Should().Be("ACCOUNT_STATUS_DISABLED_QUOTA_REACHED");
            body["billing"]!["account_billing_type"]!.GetValue<string>().Should().Be("STRIPE");
        }
    }

    [Test]
    public void Edges_send_fractional_durations_date_times_with_and_without_fractions_and_non_ascii_text()
    {
        var ultravox = Contracts.Engine.Variant("ultravox");
        var bodies = Enumerable.Range(0, CoverageBound).Select(n => JsonNode.Parse(Edge(ultravox, Plain(200), "edge-kinds", n).Body)!).ToArray();
        var durations = bodies.Select(b => b["freeTimeUsed"]?.GetValue<string>()).OfType<string>().ToArray();
        durations.Should().Contain(d => d.Contains('.'), "Ultravox durations allow fractional seconds").And.Contain(d => !d.Contains('.'));
        var renewals = bodies.Select(b => b["subscriptionRenewal"]?.GetValue<string>()).OfType<string>().ToArray();
        renewals.Should().Contain(r => r.Contains('.')).And.Contain(r => !r.Contains('.'));
        var names = bodies.Select(b => b["name"]!.GetValue<string>()).ToArray();
        names.Should().Contain("").And.Contain(n => n.Any(c => c > 127)).And.Contain(n => n.Length >= 200);
        bodies.Select(b => b["activeCalls"]!.GetValue<long>()).Should().Contain(0).And.Contain(9_007_199_254_740_991);
    }

    [Test]
    public void The_realistic_default_does_not_depend_on_the_request_number()
    {
        var variant = Contracts.Engine.Variant("runloop");
        var step = variant.Catalogue.Default.Steps[0];
        var realistic = Enumerable.Range(0, 5).Select(n =>
            Contracts.Engine.Responses.Produce(variant, variant.Account, step, "steady", null, new RequestDraw(n, Variation.Realistic)).Body).ToArray();

        realistic.Distinct(new BytesComparer()).Should().ContainSingle();
    }

    [TestCaseSource(nameof(AllVariants))]
    public void Identifier_fields_are_never_empty_however_far_the_edges_go(string vendor, string variantName)
    {
        var variant = Contracts.Engine.Variant(vendor, variantName);
        var identifiers = variant.Account.Responses.Values.Where(r => r.Body is not null)
            .SelectMany(r => Fields(r.Body!, "").Where(f => IsIdentifier(f.Pointer) && f.Schema.Types.HasFlag(SchemaTypes.String)))
            .ToArray();

        identifiers.Where(f => !(f.Schema.MinLength >= 1 || f.Schema.Pattern != null || f.Schema.Format != null)).Select(f => f.Pointer).Should()
            .BeEmpty($"an identifier of {vendor} ({variantName}) declares minLength: 1 or the vendor's pattern or format, so edges cannot send an empty one");
        foreach (var status in variant.Account.Responses.Keys)
        {
            for (var request = 0; request < CoverageBound; request++)
            {
                var body = JsonNode.Parse(Edge(variant, Plain(status), "edge-ids", request).Body);
                Strings(body, "").Where(s => IsIdentifier(s.Pointer)).Should().NotContain(s => s.Value.Length == 0, $"{vendor} {status}, request {request}");
            }
        }
    }

    /// <summary>A field that names something (an id, a customer, an ARN): never empty in a real answer.</summary>
    private static bool IsIdentifier(string pointer)
    {
        var name = pointer[(pointer.LastIndexOf('/') + 1)..];
        return name is "id" || name.EndsWith("_id", StringComparison.Ordinal) || name.EndsWith("Id", StringComparison.Ordinal)
            || name.EndsWith("identifier", StringComparison.Ordinal) || name.EndsWith("_arn", StringComparison.Ordinal) || name.EndsWith("_subscription", StringComparison.Ordinal);
    }

    private static IEnumerable<(string Pointer, string Value)> Strings(JsonNode? node, string pointer) => node switch
    {
        JsonObject obj => obj.SelectMany(p => Strings(p.Value, $"{pointer}/{p.Key}")),
        JsonArray array => array.SelectMany((item, i) => Strings(item, $"{pointer}/{i}")),
        JsonValue value when value.GetValueKind() == System.Text.Json.JsonValueKind.String => [(pointer, value.GetValue<string>())],
        _ => [],
    };

    private sealed record Field(string Pointer, SchemaNode Schema, bool Optional, bool Nullable);

    /// <summary>Every property below <paramref name="schema"/> (array items excepted), with what its contract lets it be.</summary>
    private static IEnumerable<Field> Fields(SchemaNode schema, string pointer)
    {
        foreach (var name in schema.PropertyNames)
        {
            var child = schema.Property(name)!;
            var at = $"{pointer}/{name}";
            yield return new Field(at, child, !schema.Required.Contains(name), child.IsNullable);
            foreach (var nested in Fields(child, at))
            {
                yield return nested;
            }
        }
    }

    private static (JsonObject? Parent, string Name) Locate(JsonNode body, string pointer)
    {
        var segments = pointer[1..].Split('/');
        JsonNode? node = body;
        foreach (var segment in segments[..^1])
        {
            node = node is JsonObject obj ? obj[segment] : null;
        }

        return (node as JsonObject, segments[^1]);
    }

    private static bool IsAbsent(JsonNode body, string pointer) => Locate(body, pointer) is ({ } parent, var name) && !parent.ContainsKey(name);

    private static bool IsNull(JsonNode body, string pointer) =>
        Locate(body, pointer) is ({ } parent, var name) && parent.TryGetPropertyValue(name, out var value) && value is null;

    private static JsonNode? Find(JsonNode body, string pointer) =>
        Locate(body, pointer) is ({ } parent, var name) && parent.TryGetPropertyValue(name, out var value) ? value : null;

    private sealed class BytesComparer : IEqualityComparer<byte[]>
    {
        public bool Equals(byte[]? x, byte[]? y) => x.AsSpan().SequenceEqual(y);

        public int GetHashCode(byte[] obj) => obj.Length;
    }
}
