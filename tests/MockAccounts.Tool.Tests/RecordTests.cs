using System.Text.Json.Nodes;
using FluentAssertions;

namespace MockAccounts.Tool.Tests;

/// <summary>
/// <c>mockaccounts record</c> stores what a stand-in answers without the credential or its values, and
/// <c>verify --recorded</c> finds the same drifts from it with no network.
/// </summary>
[Parallelizable(ParallelScope.All)]
[CancelAfter(60_000)]
public sealed class RecordTests
{
    private const string Credential = "abcd1234.SECRETSECRETSECRETSECRETSECRETab";

    [Test]
    public async Task Verify_recorded_finds_the_drifts_verify_found_live_without_a_network()
    {
        var folder = NewFolder();
        JsonArray live;
        await using (var provider = await StandIns.UltravoxAsync(BreakSeveral, challenge: false))
        {
            var recorded = await ToolRun.RunAsync("record", "ultravox", "--base-url", provider.Url, "--credential", Credential, "--out", folder);
            recorded.Exit.Should().Be(0, recorded.Output + recorded.Error);
            recorded.Output.Should().Contain($"recorded 3 of 3 responses to {Path.Combine(folder, "ultravox.json")} (strings replaced by same-shape placeholders, credential removed)");
            var run = await ToolRun.RunAsync("verify", "ultravox", "--base-url", provider.Url, "--credential", Credential, "--format", "json");
            live = JsonNode.Parse(run.Output)!["drifts"]!.AsArray();
        }

        var offline = await ToolRun.RunAsync("verify", "ultravox", "--recorded", folder, "--format", "json");

        offline.Exit.Should().Be(1, offline.Output + offline.Error);
        var report = JsonNode.Parse(offline.Output)!;
        report["source"]!.GetValue<string>().Should().StartWith($"the recording {Path.Combine(folder, "ultravox.json")} (http://127.0.0.1:");
        Drifts(report["drifts"]!.AsArray()).Should().Equal(Drifts(live));
        Drifts(live).Select(d => d.Split(' ')[0]).Should().BeEquivalentTo(["unknown-property", "null-not-allowed", "integer-fraction", "format", "header-missing"]);
    }

    [Test]
    public async Task A_recording_holds_neither_the_credential_nor_the_values_but_keeps_their_shapes()
    {
        var folder = NewFolder();
        await using var provider = await StandIns.UltravoxAsync(b => b["note"] = $"sent {Credential} back");

        var run = await ToolRun.RunAsync("record", "ultravox", "--base-url", provider.Url, "--credential", Credential, "--out", folder);

        run.Exit.Should().Be(0, run.Error);
        var text = await File.ReadAllTextAsync(Path.Combine(folder, "ultravox.json"));
        text.Should().NotContain(Credential).And.NotContain("SECRET").And.NotContain("Acme Voice Labs").And.NotContain("3f1c2a9e");
        var recording = JsonNode.Parse(text)!;
        recording["values"]!.GetValue<string>().Should().Be("placeholders");
        var exchanges = recording["exchanges"]!.AsArray();
        exchanges.Select(e => e!["request"]!.GetValue<string>()).Should().Equal("with-credential", "without-credential", "malformed-credential");
        var body = exchanges[0]!["response"]!["body"]!;
        body["name"]!.GetValue<string>().Should().Be("Aaaa Aaaaa Aaaa", "letters become placeholders of the same case and length");
        body["accountId"]!.GetValue<string>().Should().MatchRegex("^[a-f0-9]{8}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{12}$").And.NotBe("3f1c2a9e-7b4d-4e2a-9c1f-2b3d4e5f6a7b");
        body["freeTimeUsed"]!.GetValue<string>().Should().Be("111.111s", "the pattern still holds");
        body["activeCalls"]!.GetValue<int>().Should().Be(1, "numbers are kept");
        exchanges[0]!["response"]!["status"]!.GetValue<int>().Should().Be(200);
        exchanges[1]!["response"]!["headers"]!["WWW-Authenticate"]!.GetValue<string>().Should().Be("Api-Key realm=\"api\"");
    }

    [Test]
    public async Task Keep_values_keeps_strings_but_still_removes_the_credential()
    {
        var folder = NewFolder();
        await using var provider = await StandIns.UltravoxAsync(b => b["note"] = $"sent {Credential} back");

        var run = await ToolRun.RunAsync("record", "ultravox", "--base-url", provider.Url, "--credential", Credential, "--out", folder, "--keep-values");

        run.Exit.Should().Be(0, run.Error);
        var text = await File.ReadAllTextAsync(Path.Combine(folder, "ultravox.json"));
        text.Should().Contain("Acme Voice Labs").And.NotContain(Credential);
        JsonNode.Parse(text)!["exchanges"]![0]!["response"]!["body"]!["note"]!.GetValue<string>().Should().Be("sent aaaa1111.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAaa back");
    }

    [Test]
    public async Task Verify_recorded_without_a_recording_exits_2_naming_the_file_it_expected()
    {
        var folder = NewFolder();
        Directory.CreateDirectory(folder);

        var run = await ToolRun.RunAsync("verify", "runloop", "--recorded", folder);

        run.Exit.Should().Be(2);
        run.Error.Should().Contain($"no recording of 'runloop' in {folder} (expected {Path.Combine(folder, "runloop.json")}; mockaccounts record writes it)");
    }

    private static void BreakSeveral(JsonObject body)
    {
        body["region"] = "eu-west";
        body["name"] = null;
        body["activeCalls"] = 2.5m;
        body["billingUrl"] = "billing page";
    }

    private static IEnumerable<string> Drifts(JsonArray drifts) =>
        drifts.Select(d => $"{d!["kind"]} {d["check"]} {d["responsePointer"] ?? d["header"]} {d["contractPointer"]}");

    private static string NewFolder() => Path.Combine(Path.GetTempPath(), "mockaccounts-tests", Guid.NewGuid().ToString("N"));
}
