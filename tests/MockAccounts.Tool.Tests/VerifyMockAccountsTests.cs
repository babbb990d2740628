using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using FluentAssertions;
using MockAccounts.Core.Contracts;
using MockAccounts.Verification;

namespace MockAccounts.Tool.Tests;

/// <summary>
/// <c>mockaccounts verify</c> against MockAccounts itself: the mock is self-consistent, so every vendor and
/// variant, every operation (unsafe ones included), shows zero drift in each report format.
/// </summary>
[Parallelizable(ParallelScope.All)]
[CancelAfter(120_000)]
public sealed class VerifyMockAccountsTests
{
    private static readonly ConcurrentDictionary<string, Lazy<Task<MockServer>>> Servers = new();
    private static readonly Lazy<Task<ContractCatalog>> Catalog = new(() => ContractCatalog.LoadAsync([Repository.Root]));

    /// <summary>Every vendor and variant of the repository's contracts.</summary>
    public static IEnumerable<TestCaseData> Variants()
    {
        foreach (var vendor in Directory.GetDirectories(Path.Combine(Repository.Root, "schemas")).Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileName(vendor);
            yield return new TestCaseData(name, VendorContract.DocumentedVariant);
            var variants = Path.Combine(vendor, "variants");
            foreach (var variant in Directory.Exists(variants) ? Directory.GetDirectories(variants).Order(StringComparer.Ordinal).ToArray() : [])
            {
                yield return new TestCaseData(name, Path.GetFileName(variant));
            }
        }
    }

    [OneTimeTearDown]
    public static async Task StopAsync()
    {
        foreach (var server in Servers.Values.Where(s => s.IsValueCreated))
        {
            await (await server.Value).DisposeAsync();
        }
    }

    [TestCaseSource(nameof(Variants))]
    public async Task The_text_report_shows_no_drift(string vendor, string variant)
    {
        var run = await VerifyAsync(vendor, variant, "text");

        run.Exit.Should().Be(0, run.Output + run.Error);
        run.Output.Should().MatchRegex(@"\n(\d+) checks: \1 ok, 0 drift, 0 error; 0 distinct drifts\. Exit 0 \(no drift\)\.");
        run.Output.Should().NotContain(" drift ").And.NotContain(" error ");
    }

    [TestCaseSource(nameof(Variants))]
    public async Task The_json_report_shows_no_drift(string vendor, string variant)
    {
        var run = await VerifyAsync(vendor, variant, "json");

        run.Exit.Should().Be(0, run.Output + run.Error);
        var report = JsonNode.Parse(run.Output)!;
        report["variant"]!.GetValue<string>().Should().Be(variant);
        report["summary"]!["drift"]!.GetValue<int>().Should().Be(0);
        report["summary"]!["error"]!.GetValue<int>().Should().Be(0);
        var checks = report["checks"]!.AsArray();
        checks.Count.Should().Be(report["summary"]!["checks"]!.GetValue<int>()).And.BeGreaterThanOrEqualTo(12);
        checks.Select(c => c!["result"]!.GetValue<string>()).Should().AllBe("ok");
        report["drifts"]!.AsArray().Should().BeEmpty();
    }

    [TestCaseSource(nameof(Variants))]
    public async Task The_junit_report_has_one_passing_case_per_check(string vendor, string variant)
    {
        var run = await VerifyAsync(vendor, variant, "junit");

        run.Exit.Should().Be(0, run.Output + run.Error);
        var suites = XDocument.Parse(run.Output).Root!;
        suites.Attribute("failures")!.Value.Should().Be("0");
        suites.Attribute("errors")!.Value.Should().Be("0");
        var cases = suites.Descendants("testcase").ToArray();
        cases.Length.Should().Be(int.Parse(suites.Attribute("tests")!.Value, System.Globalization.CultureInfo.InvariantCulture)).And.BeGreaterThanOrEqualTo(12);
        cases.Should().OnlyContain(c => !c.Elements("failure").Any() && !c.Elements("error").Any());
        cases.Select(c => c.Attribute("name")!.Value).Should().Contain(["with-credential body", "without-credential status", "malformed-credential headers"]);
    }

    [Test]
    public async Task Every_operation_of_every_vendor_is_asked_with_include_unsafe()
    {
        var catalog = await Catalog.Value;
        foreach (var vendor in catalog.Contracts.Vendors.Values)
        {
            var run = await VerifyAsync(vendor.Name, VendorContract.DocumentedVariant, "json");
            var asked = JsonNode.Parse(run.Output)!["checks"]!.AsArray().Select(c => c!["operation"]!.GetValue<string>()).Distinct();

            asked.Should().BeEquivalentTo(vendor.Documented.Operations.Select(o => o.Display), vendor.Name);
        }
    }

    private static async Task<(int Exit, string Output, string Error)> VerifyAsync(string vendor, string variant, string format)
    {
        var server = await ServerFor(vendor, variant);
        var target = (await Catalog.Value).Target(vendor, variant);
        return await ToolRun.RunAsync(
            "verify", vendor, "--variant", variant, "--base-url", server.Url, "--credential", CredentialFor(target),
            "--include-unsafe", "--body", "PATCH /v1/account/profile={\"name\":\"Verify Run\"}", "--format", format);
    }

    /// <summary>A credential of the shape the contract declares (the mock refuses others), else any token.</summary>
    private static string CredentialFor(VerificationTarget target) =>
        target.Contract.Account.Security.SelectMany(a => a).Select(l => l.Format?.NewCredential()).FirstOrDefault(c => c is not null) ?? "mockaccounts-verify-token";

    /// <summary>A server serving <paramref name="variant"/> of <paramref name="vendor"/> (one per further variant; the default one for the documented ones).</summary>
    private static Task<MockServer> ServerFor(string vendor, string variant)
    {
        string[] args = variant == VendorContract.DocumentedVariant ? [] : [$"--MockAccounts:Variants:{vendor}", variant];
        return Servers.GetOrAdd(string.Join(" ", args), _ => new Lazy<Task<MockServer>>(() => MockServer.StartAsync(args))).Value;
    }
}
