using System.Text.Json.Nodes;
using FluentAssertions;
using MockAccounts.Core.Generation;
using MockAccounts.Core.Schemas;

namespace MockAccounts.Core.Tests;

/// <summary>The hint vocabulary, on hand-built schemas.</summary>
public sealed class GeneratorTests
{
    private static readonly BodyGenerator Generator = new(Contracts.Options);

    private static SchemaNode Leaf(Hint hint, SchemaTypes type = SchemaTypes.String) =>
        new() { Source = "test", Types = type, Hint = hint };

    private static JsonNode? One(Hint hint, string token = "t", SchemaTypes type = SchemaTypes.String) =>
        Generator.Generate("v", token, Leaf(hint, type), null);

    [Test]
    public void Template_placeholders_draw_from_their_alphabets()
    {
        var text = One(new TemplateHint(TemplateText.Parse("cus_{alnum:14}-{digits:4}-{hex:6}-{upper:2}")))!.GetValue<string>();

        text.Should().MatchRegex("^cus_[A-Za-z0-9]{14}-[0-9]{4}-[0-9a-f]{6}-[A-Z]{2}$");
    }

    [Test]
    public void Malformed_template_is_rejected()
    {
        var parse = () => TemplateText.Parse("x_{nope:3}");

        parse.Should().Throw<FormatException>().WithMessage("*unknown placeholder*");
    }

    [Test]
    public void Decimals_keep_exactly_their_places_and_range()
    {
        for (var i = 0; i < 100; i++)
        {
            var text = One(new DecimalHint(0.01m, 2m, 6), $"t{i}")!.GetValue<string>();
            text.Should().MatchRegex(@"^[0-2]\.\d{6}$");
            decimal.Parse(text, System.Globalization.CultureInfo.InvariantCulture).Should().BeInRange(0.01m, 2m);
        }
    }

    [Test]
    public void Dates_fall_between_their_offsets_from_the_reference_time()
    {
        RelativeTime.TryParse("+1d", out var from).Should().BeTrue();
        RelativeTime.TryParse("+6d", out var to).Should().BeTrue();
        var now = Contracts.Options.ReferenceTime;

        for (var i = 0; i < 50; i++)
        {
            var text = One(new DateHint(from!, to!), $"t{i}")!.GetValue<string>();
            DateTimeOffset.Parse(text, System.Globalization.CultureInfo.InvariantCulture).Should().BeOnOrAfter(now.AddDays(1)).And.BeOnOrBefore(now.AddDays(6));
        }
    }

    [Test]
    public void Uuids_are_version_4()
    {
        One(new UuidHint())!.GetValue<string>().Should().MatchRegex("^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$");
    }

    [Test]
    public void Copy_and_when_read_final_values_whatever_the_property_order()
    {
        // "mirror" comes before "source" and "flagged" before "flag": evaluation is lazy.
        var schema = new SchemaNode { Source = "test", Types = SchemaTypes.Object };
        schema.AddProperty("mirror", Leaf(new CopyHint("/source")));
        schema.AddProperty("flagged", Leaf(new WhenHint("/flag", [JsonValue.Create(true)], new ConstHint(JsonValue.Create("yes")), new ConstHint(null))));
        schema.AddProperty("source", Leaf(new TemplateHint(TemplateText.Parse("src_{hex:8}"))));
        schema.AddProperty("flag", Leaf(new ConstHint(JsonValue.Create(false)), SchemaTypes.Boolean));

        var plain = Generator.Generate("v", "t", schema, null)!;
        var flagged = Generator.Generate("v", "t", schema, new MergeOverride(new Dictionary<string, OverrideNode>
        {
            ["flag"] = new LiteralOverride(JsonValue.Create(true)),
            ["source"] = new LiteralOverride(JsonValue.Create("overridden")),
        }))!;

        plain["mirror"]!.GetValue<string>().Should().Be(plain["source"]!.GetValue<string>());
        plain["flagged"].Should().BeNull();
        flagged["mirror"]!.GetValue<string>().Should().Be("overridden");
        flagged["flagged"]!.GetValue<string>().Should().Be("yes");
        flagged.AsObject().Select(p => p.Key).Should().Equal("mirror", "flagged", "source", "flag");
    }

    [Test]
    public void A_hint_cycle_is_reported_not_looped()
    {
        var schema = new SchemaNode { Source = "test", Types = SchemaTypes.Object };
        schema.AddProperty("a", Leaf(new CopyHint("/b")));
        schema.AddProperty("b", Leaf(new CopyHint("/a")));

        var generate = () => Generator.Generate("v", "t", schema, null);

        generate.Should().Throw<Generation.HintException>().WithMessage("*depend on themselves*");
    }

    [Test]
    public void A_field_keeps_its_value_when_other_fields_change()
    {
        var schema = new SchemaNode { Source = "test", Types = SchemaTypes.Object };
        schema.AddProperty("id", Leaf(new UuidHint()));
        schema.AddProperty("status", Leaf(new ConstHint(JsonValue.Create("a"))));
        var changed = new MergeOverride(new Dictionary<string, OverrideNode> { ["status"] = new LiteralOverride(JsonValue.Create("b")) });

        var before = Generator.Generate("v", "t", schema, null)!["id"]!.GetValue<string>();
        var after = Generator.Generate("v", "t", schema, changed)!["id"]!.GetValue<string>();

        after.Should().Be(before, "a token's identity is stable across scenarios");
        Generator.Generate("v", "u", schema, null)!["id"]!.GetValue<string>().Should().NotBe(before);
        Generator.Generate("w", "t", schema, null)!["id"]!.GetValue<string>().Should().NotBe(before, "vendors are seeded apart");
    }

    [Test]
    public void A_body_is_the_same_whatever_the_thread_generated_before_it()
    {
        // A thread reuses its tables, Faker and randomizer for every body: nothing of one body may reach the next,
        // not even from a body whose hints failed half-way.
        var schema = new SchemaNode { Source = "test", Types = SchemaTypes.Object };
        schema.AddProperty("name", Leaf(new FakerHint("company.name")));
        schema.AddProperty("email", Leaf(new FakerHint("internet.email")));
        schema.AddProperty("id", Leaf(new TemplateHint(TemplateText.Parse("acc_{alnum:12}"))));
        schema.AddProperty("n", Leaf(new IntHint(0, 1_000_000), SchemaTypes.Integer));
        var cycle = new SchemaNode { Source = "test", Types = SchemaTypes.Object };
        cycle.AddProperty("a", Leaf(new CopyHint("/b")));
        cycle.AddProperty("b", Leaf(new CopyHint("/a")));
        var fresh = new BodyGenerator(Contracts.Options);
        var expected = fresh.Generate("v", "t", schema, null)!.ToJsonString();
        var used = new BodyGenerator(Contracts.Options);

        var bodies = Enumerable.Range(0, 3).Select(i =>
        {
            _ = used.Generate("v", "other-" + i, schema, null);
            ((Action)(() => used.Generate("v", "t", cycle, null))).Should().Throw<HintException>();
            return used.Generate("v", "t", schema, null)!.ToJsonString();
        }).ToArray();

        bodies.Should().AllBe(expected);
    }
}
