using System.Collections.Immutable;
using FluentAssertions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;
using MockAccounts.Generators;

namespace MockAccounts.Generators.Tests;

/// <summary>Typed names from catalogues: what compiles, what does not, and what a rename does.</summary>
[Parallelizable(ParallelScope.All)]
public sealed class ScenarioNamesGeneratorTests
{
    private const string Acme = """{"default": "funded", "scenarios": [{"name": "funded", "description": "A <funded> account."}, {"name": "quota-reached", "status": 200}]}""";

    [Test]
    public void Each_scenario_and_vendor_becomes_a_constant_with_its_catalogue_spelling()
    {
        var (output, diagnostics) = Generate("class C { string[] A = { MockAccounts.Testing.Vendors.Acme, MockAccounts.Testing.Acme.Name, MockAccounts.Testing.Acme.Scenarios.QuotaReached }; }",
            ("team/mocks/acme/scenarios.json", Acme));

        diagnostics.Should().BeEmpty();
        output.Should().Contain("public const string QuotaReached = \"quota-reached\";")
            .And.Contain("public const string Acme = \"acme\";")
            .And.Contain("/// <summary>A &lt;funded&gt; account.</summary>");
    }

    [Test]
    public void A_misspelt_scenario_does_not_compile()
    {
        var (_, diagnostics) = Generate("class C { string A = MockAccounts.Testing.Acme.Scenarios.QuotaReachd; }", ("mocks/acme/scenarios.json", Acme));

        diagnostics.Should().ContainSingle(d => d.Id == "CS0117").Which.GetMessage().Should().Contain("QuotaReachd");
    }

    [Test]
    public void Renaming_a_scenario_in_the_catalogue_renames_its_constant()
    {
        const string code = "class C { string A = MockAccounts.Testing.Acme.Scenarios.QuotaReached; }";
        var renamed = Acme.Replace("quota-reached", "quota-exceeded", StringComparison.Ordinal);

        var (output, diagnostics) = Generate(code, ("mocks/acme/scenarios.json", renamed));

        output.Should().Contain("public const string QuotaExceeded = \"quota-exceeded\";").And.NotContain("QuotaReached");
        diagnostics.Should().ContainSingle(d => d.Id == "CS0117");
    }

    [Test]
    public void The_repository_catalogues_give_every_vendor_variant_and_scenario()
    {
        var catalogues = Directory.GetFiles(Path.Combine(Repository.Root, "mocks"), "scenarios.json", SearchOption.AllDirectories)
            .Select(path => (path, File.ReadAllText(path))).ToArray();

        var (_, diagnostics) = Generate("""
            using MockAccounts.Testing;
            class C
            {
                string[] A = { Vendors.Runloop, Runloop.Scenarios.QuotaReached, Runloop.Scenarios.RateLimitedOnce,
                    Vendors.Depicta, Depicta.Scenarios.UnverifiedEmail, Vendors.Ultravox, Ultravox.Scenarios.AtConcurrencyLimit,
                    Vendors.Opterius, Opterius.Variants.V2_7_0, Opterius.Scenarios.Inactive };
            }
            """, catalogues);

        diagnostics.Should().BeEmpty();
    }

    [Test]
    public void Other_files_named_scenarios_json_are_left_alone()
    {
        var (output, _) = Generate("class C { }", ("fixtures/scenarios.json", Acme), ("mocks/acme/notes.json", Acme));

        output.Should().BeEmpty();
    }

    [Test]
    public void A_catalogue_that_is_not_json_is_reported_by_file()
    {
        var (_, diagnostics) = Generate("class C { }", ("mocks/acme/scenarios.json", "{\"scenarios\": ["));

        diagnostics.Should().ContainSingle(d => d.Id == "MOCKACC001").Which.GetMessage().Should().Contain("mocks/acme/scenarios.json");
    }

    /// <summary>Compiles <paramref name="code"/> (C# 10: the oldest compiler the generator supports) with the generator over the given catalogues.</summary>
    private static (string Output, IReadOnlyList<Diagnostic> Diagnostics) Generate(string code, params (string Path, string Text)[] files)
    {
        var references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Where(p => Path.GetFileName(p).StartsWith("System.", StringComparison.Ordinal) || Path.GetFileName(p) == "netstandard.dll")
            .Select(p => MetadataReference.CreateFromFile(p));
        var compilation = CSharpCompilation.Create("Consumer", [CSharpSyntaxTree.ParseText(code)], references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        var driver = CSharpGeneratorDriver.Create(new ScenarioNamesGenerator())
            .AddAdditionalTexts([.. files.Select(f => (AdditionalText)new Catalogue(f.Path, f.Text))]);
        driver.RunGeneratorsAndUpdateCompilation(compilation, out var updated, out var generatorDiagnostics);
        var generated = string.Concat(updated.SyntaxTrees.Skip(1).Select(t => t.ToString()));
        var errors = updated.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error);
        return (generated, [.. generatorDiagnostics, .. errors]);
    }

    private sealed class Catalogue(string path, string text) : AdditionalText
    {
        public override string Path { get; } = path;

        public override SourceText GetText(CancellationToken cancellationToken = default) => SourceText.From(text);
    }
}
