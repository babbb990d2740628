using System.Text.Json.Nodes;
using FluentAssertions;
using MockAccounts.Core.Contracts;
using MockAccounts.Core.Generation;

namespace MockAccounts.Core.Tests;

/// <summary>Every enum value and every documented status of an account endpoint is reachable.</summary>
public sealed class CoverageTests
{
    private static IEnumerable<TestCaseData> Variants() =>
        ScenarioCases.Catalogues().Select(c => new TestCaseData(c.Vendor, c.Variant).SetName($"{c.Vendor}.{c.Variant}"));

    [TestCaseSource(nameof(Variants))]
    public void Every_documented_status_is_produced_by_some_scenario(string vendor, string variant)
    {
        var contract = Contracts.Engine.Variant(vendor, variant);
        var produced = contract.Catalogue.Scenarios.SelectMany(s => s.Steps).Select(s => s.Status).ToHashSet();

        produced.Should().BeEquivalentTo(contract.Account.Responses.Keys);
    }

    [TestCaseSource(nameof(Variants))]
    public void Every_enum_value_is_produced_by_some_scenario(string vendor, string variant)
    {
        var contract = Contracts.Engine.Variant(vendor, variant);
        var expected = EnumValues(contract);
        var produced = new HashSet<string>(StringComparer.Ordinal);
        foreach (var step in contract.Catalogue.Scenarios.SelectMany(s => s.Steps))
        {
            foreach (var token in new[] { "coverage-1", "coverage-2", "coverage-3" })
            {
                var body = Contracts.Engine.Responses.Produce(contract, contract.Account, step, token).Body;
                CollectValues(body.Length == 0 ? null : JsonNode.Parse(body), $"{step.Status}:", produced);
            }
        }

        expected.Except(produced).Should().BeEmpty("every enum value in the contract must be reachable through a scenario");
    }

    [Test]
    public void The_enum_collector_sees_nested_and_top_level_enums()
    {
        var runloop = EnumValues(Contracts.Engine.Variant("runloop"));

        runloop.Should().Contain("200:/tier=\"ACCOUNT_TIER_INVALID\"")
            .And.Contain("200:/billing/account_billing_type=\"AWS_MARKETPLACE\"")
            .And.HaveCountGreaterThan(20);
    }

    private static HashSet<string> EnumValues(VariantContract contract)
    {
        var values = new HashSet<string>(StringComparer.Ordinal);
        foreach (var response in contract.Account.Responses.Values.Where(r => r.Body is not null))
        {
            CollectEnums(response.Body!, $"{response.Status}:", values, []);
        }

        return values;
    }

    private static void CollectEnums(SchemaNode schema, string path, HashSet<string> into, HashSet<SchemaNode> seen)
    {
        if (!seen.Add(schema))
        {
            return;
        }

        foreach (var value in schema.Enum ?? [])
        {
            into.Add($"{path}={value?.ToJsonString() ?? "null"}");
        }

        foreach (var name in schema.PropertyNames)
        {
            CollectEnums(schema.Property(name)!, $"{path}/{name}", into, [.. seen]);
        }

        if (schema.Items is not null)
        {
            CollectEnums(schema.Items, $"{path}/*", into, [.. seen]);
        }
    }

    private static void CollectValues(JsonNode? node, string path, HashSet<string> into)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (name, child) in obj)
                {
                    CollectValues(child, $"{path}/{name}", into);
                }

                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    CollectValues(item, $"{path}/*", into);
                }

                break;
            default:
                into.Add($"{path}={node?.ToJsonString() ?? "null"}");
                break;
        }
    }
}
