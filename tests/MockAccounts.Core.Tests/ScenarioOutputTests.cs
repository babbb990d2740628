using System.Text;
using System.Text.Json.Nodes;
using FluentAssertions;
using MockAccounts.Core.Contracts;

namespace MockAccounts.Core.Tests;

/// <summary>Every scenario of every vendor variant, for 200 tokens.</summary>
public sealed class ScenarioOutputTests
{
    private const int Tokens = 200;

    [TestCaseSource(typeof(ScenarioCases), nameof(ScenarioCases.All))]
    public void Every_step_is_valid_repeatable_and_distinct_per_token(string vendor, string variant, string scenarioName)
    {
        var contract = Contracts.Engine.Variant(vendor, variant);
        var scenario = contract.Catalogue.Find(scenarioName)!;
        for (var step = 0; step < scenario.Steps.Count; step++)
        {
            var index = scenario.Steps.Take(step).Sum(s => (long)s.Repeat);
            var ids = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
            for (var t = 0; t < Tokens; t++)
            {
                var token = $"tok_{vendor}_{t:D3}";
                var response = Contracts.Engine.Respond(vendor, variant, token, scenarioName, index);
                var again = Contracts.Engine.Respond(vendor, variant, token, scenarioName, index);

                MockAccounts.Core.Validation.ResponseValidator.Validate(contract.Account, response.Status, response.Headers, response.Body, independently: true).Should().BeEmpty($"token {token}, step {step}");
                response.Status.Should().Be(scenario.Steps[step].Status);
                again.Body.Should().Equal(response.Body, "the same token always gets the same bytes");
                if (response.Body.Length > 0)
                {
                    CollectIds(JsonNode.Parse(response.Body), "", ids);
                }
            }

            foreach (var (field, values) in ids)
            {
                values.Should().HaveCount(Tokens, $"'{field}' identifies an account and must differ across tokens");
            }

            if (scenario.Steps[step].Status is >= 200 and < 300)
            {
                ids.Should().NotBeEmpty("a success body carries an id");
            }
        }
    }

    [Test]
    public void Different_seeds_give_different_accounts_and_the_same_seed_the_same()
    {
        var other = new Core.Generation.BodyGenerator(Contracts.Options with { Seed = 7 });
        var same = new Core.Generation.BodyGenerator(Contracts.Options);
        var schema = Contracts.Engine.Variant("runloop").Account.Responses[200].Body!;

        var original = Contracts.Engine.Responses.Generator.Generate("runloop", "t", schema, null)!.ToJsonString();
        other.Generate("runloop", "t", schema, null)!.ToJsonString().Should().NotBe(original);
        same.Generate("runloop", "t", schema, null)!.ToJsonString().Should().Be(original);
    }

    /// <summary>Leaf strings and numbers under an <c>id</c>, <c>*Id</c> or <c>*_id</c> name.</summary>
    private static void CollectIds(JsonNode? node, string path, Dictionary<string, HashSet<string>> ids)
    {
        if (node is JsonObject obj)
        {
            foreach (var (name, child) in obj)
            {
                var at = path + "/" + name;
                if (child is JsonValue value && (name == "id" || name.EndsWith("Id", StringComparison.Ordinal) || name.EndsWith("_id", StringComparison.Ordinal)))
                {
                    (ids.TryGetValue(at, out var set) ? set : ids[at] = []).Add(value.ToJsonString());
                }

                CollectIds(child, at, ids);
            }
        }
    }
}
