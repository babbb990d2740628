using System.Diagnostics;
using System.Text.RegularExpressions;
using FluentAssertions;

namespace MockAccounts.Server.Tests;

/// <summary>Every curl line in the README runs against a live server, in order, and succeeds.</summary>
[NonParallelizable]
public sealed partial class ReadmeExamplesTests
{
    private static IEnumerable<string> CurlLines() =>
        File.ReadAllLines(Path.Combine(Repository.Root, "README.md")).Where(l => l.StartsWith("curl ", StringComparison.Ordinal));

    [Test]
    public async Task Every_curl_example_in_the_readme_works()
    {
        // "Serve a vendor's published spec" serves Swagger Petstore's spec as it is, beside the built-in vendors.
        var team = Path.Combine(Path.GetTempPath(), "mockaccounts-tests", "readme-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(team, "schemas", "petstore"));
        File.Copy(Path.Combine(Repository.Root, "tests", "published-specs", "schemas", "petstore", "openapi.yaml"), Path.Combine(team, "schemas", "petstore", "openapi.yaml"));
        await using var server = await RunningServer.StartAsync(null, "--MockAccounts:ExtraContracts:0", team);
        var lines = CurlLines().ToArray();
        var tokenVariants = new Dictionary<string, string>(StringComparer.Ordinal);
        lines.Should().HaveCountGreaterThan(10);

        foreach (var line in lines)
        {
            var command = line.Replace("http://localhost:8080", server.Address.ToString().TrimEnd('/'), StringComparison.Ordinal)
                .Replace(" -i ", " ", StringComparison.Ordinal)
                .Replace("curl -sS", "curl -sS -i", StringComparison.Ordinal);
            var (exit, output) = await ShellAsync(command);

            exit.Should().Be(0, line);
            var response = Parse(output);
            response.Status.Should().Be(ExpectedStatus(line), $"{line}{Environment.NewLine}{output}");
            var path = new Uri(Url().Match(command).Value.Trim('\'')).AbsolutePath;
            if (TokenVariant().Match(line) is { Success: true } bound)
            {
                tokenVariants[bound.Groups[1].Value] = bound.Groups[2].Value;
            }

            // A vendor path answers by its contract; any other path is a stub mapping an example made.
            if (!path.StartsWith("/__admin", StringComparison.Ordinal) && server.Contracts.Current.Contracts.Match("GET", path) is { } match)
            {
                var variant = PreferVariant().Match(line) is { Success: true } asked ? asked.Groups[1].Value
                    : tokenVariants.FirstOrDefault(t => line.Contains($"Bearer {t.Key}'", StringComparison.Ordinal)).Value ?? "documented";
                var operation = server.Contracts.Current.Variant(match.Vendor.Name, variant).FindOperation("GET", match.Template)!;
                MockAccounts.Core.Validation.ResponseValidator.Validate(operation, response.Status, response.Headers, response.Body, independently: true).Should().BeEmpty(line);
            }
        }
    }

    /// <summary>curl -i output: the last status line, its headers, then the body.</summary>
    private static Core.Http.MockResponse Parse(string output)
    {
        var text = output.Replace("\r\n", "\n", StringComparison.Ordinal);
        var split = text.IndexOf("\n\n", StringComparison.Ordinal);
        var head = text[..split].Split('\n');
        var status = int.Parse(head[0].Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
        var headers = head.Skip(1).Select(h => h.Split(':', 2)).Select(p => new KeyValuePair<string, string>(p[0], p[1].Trim())).ToArray();
        return new Core.Http.MockResponse(status, headers, System.Text.Encoding.UTF8.GetBytes(text[(split + 2)..]));
    }

    [GeneratedRegex("'?http://[^ ']+'?")]
    private static partial Regex Url();

    /// <summary>The README's examples all succeed (creating a stub mapping is a 201) except the one that asks for a 429 on purpose.</summary>
    private static int ExpectedStatus(string line) =>
        PreferCode().Match(line) is { Success: true } m ? int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)
        : line.Contains("-X POST http://localhost:8080/__admin/mappings ", StringComparison.Ordinal) ? 201
        : 200;

    private static async Task<(int Exit, string Output)> ShellAsync(string command)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(command);
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, output);
    }

    /// <summary>An admin call giving a token its own variant: later requests of that token keep that variant's contract.</summary>
    [GeneratedRegex(@"/tokens/([^/]+)/variant .*""variant"": ""([a-z0-9.-]+)""")]
    private static partial Regex TokenVariant();

    [GeneratedRegex("Prefer: variant=([a-z0-9.-]+)")]
    private static partial Regex PreferVariant();

    [GeneratedRegex("Prefer: code=(\\d{3})")]
    private static partial Regex PreferCode();
}
