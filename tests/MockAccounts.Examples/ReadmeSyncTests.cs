using System.Text.RegularExpressions;
using FluentAssertions;

namespace MockAccounts.Examples;

/// <summary>The README's "Use in NUnit" code is this project's code, to the character.</summary>
public sealed partial class ReadmeSyncTests
{
    [Test]
    public void Every_csharp_block_of_the_nunit_section_stands_verbatim_in_the_examples()
    {
        var readme = File.ReadAllText(Path.Combine(Repository.Root, "README.md"));
        var section = readme[readme.IndexOf("## Use in NUnit", StringComparison.Ordinal)..];
        section = section[..section.IndexOf("\n## ", 3, StringComparison.Ordinal)];
        var sources = string.Join("\n", Directory.GetFiles(Path.Combine(Repository.Root, "tests", "MockAccounts.Examples"), "*.cs").Select(File.ReadAllText));

        var blocks = CSharpBlock().Matches(section).Select(m => m.Groups[1].Value).ToArray();

        blocks.Should().HaveCountGreaterThanOrEqualTo(4);
        blocks.Should().OnlyContain(block => sources.Contains(block, StringComparison.Ordinal), "the README shows the examples verbatim");
    }

    [Test]
    public void Every_test_the_nunit_section_shows_runs_in_parallel_as_the_readme_recommends()
    {
        var readme = File.ReadAllText(Path.Combine(Repository.Root, "README.md"));
        var section = readme[readme.IndexOf("## Use in NUnit", StringComparison.Ordinal)..];
        section = section[..section.IndexOf("\n## ", 3, StringComparison.Ordinal)];
        var files = Directory.GetFiles(Path.Combine(Repository.Root, "tests", "MockAccounts.Examples"), "*.cs").Select(File.ReadAllText).ToArray();

        var tests = CSharpBlock().Matches(section).Select(m => m.Groups[1].Value).Where(block => block.Contains("[Test", StringComparison.Ordinal)).ToArray();

        tests.Should().NotBeEmpty();
        tests.Should().OnlyContain(
            block => files.Any(file => file.Contains(block, StringComparison.Ordinal) && file.Contains("[Parallelizable(ParallelScope.All)]", StringComparison.Ordinal)),
            "the README's snippets must hold when every test runs beside the others, as the README says they may");
    }

    [Test]
    public void The_mounting_sections_WebApplicationFactory_stands_verbatim_in_the_examples()
    {
        var readme = File.ReadAllText(Path.Combine(Repository.Root, "README.md"));
        var section = readme[readme.IndexOf("## Mount in your own app", StringComparison.Ordinal)..];
        section = section[..section.IndexOf("\n## ", 3, StringComparison.Ordinal)];
        var sources = string.Join("\n", Directory.GetFiles(Path.Combine(Repository.Root, "tests", "MockAccounts.Examples"), "*.cs").Select(File.ReadAllText));

        var classes = CSharpBlock().Matches(section).Select(m => m.Groups[1].Value).Where(block => block.Contains(" class ", StringComparison.Ordinal)).ToArray();

        classes.Should().ContainSingle().Which.Should().Contain("WebApplicationFactory<Program>");
        classes.Should().OnlyContain(block => sources.Contains(block, StringComparison.Ordinal), "the README shows the example's factory verbatim");
    }

    [GeneratedRegex("```csharp\\n(.*?)\\n```", RegexOptions.Singleline)]
    private static partial Regex CSharpBlock();
}
