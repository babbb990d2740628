using System.Diagnostics;
using System.Text.RegularExpressions;
using FluentAssertions;

namespace MockAccounts.Tool.Tests;

/// <summary><c>mockaccounts serve</c> as its own process, as a pipeline runs it: how it stops.</summary>
[Platform(Exclude = "Win", Reason = "SIGTERM")]
public sealed partial class ServeProcessTests
{
    /// <summary>Only a hang bound: a clean stop takes well under a second.</summary>
    private static readonly TimeSpan HangBound = TimeSpan.FromSeconds(60);

    [Test]
    public async Task Serve_stops_cleanly_on_SIGTERM_as_the_server_does()
    {
        using var hang = new CancellationTokenSource(HangBound);
        var tool = Path.Combine(AppContext.BaseDirectory, "mockaccounts.dll");
        using var serve = Process.Start(new ProcessStartInfo("dotnet", [tool, "serve", "--urls", "http://127.0.0.1:0", "--MockAccounts:HotReload", "false"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var log = new List<string>();
        var listening = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        serve.OutputDataReceived += (_, line) =>
        {
            if (line.Data is null)
            {
                return;
            }

            lock (log)
            {
                log.Add(line.Data);
            }

            if (ListeningOn().Match(line.Data) is { Success: true } found)
            {
                listening.TrySetResult(new Uri(found.Groups["url"].Value));
            }
        };
        serve.BeginOutputReadLine();
        var errors = serve.StandardError.ReadToEndAsync(hang.Token);
        try
        {
            var address = await listening.Task.WaitAsync(hang.Token);
            using var http = new HttpClient { BaseAddress = address };
            (await http.GetAsync("/__admin/health", hang.Token)).IsSuccessStatusCode.Should().BeTrue("it serves before it is stopped");

            var clock = Stopwatch.StartNew();
            using (var signal = Process.Start("kill", ["-TERM", serve.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            {
                await signal.WaitForExitAsync(hang.Token);
            }

            await serve.WaitForExitAsync(hang.Token);
            TestContext.Out.WriteLine($"stopped {clock.ElapsedMilliseconds} ms after SIGTERM");
        }
        finally
        {
            if (!serve.HasExited)
            {
                serve.Kill();
            }
        }

        serve.ExitCode.Should().Be(0, "the host stopped by itself (143 is System.CommandLine ending the process after its own 2 s timeout); stderr: {0}", await errors);
        log.Should().Contain(line => line.Contains("Application is shutting down", StringComparison.Ordinal), "the host heard the signal");
        log.Should().NotContain(line => line.Contains(" Microsoft.AspNetCore.", StringComparison.Ordinal), "it logs as the server does, without the framework's lines per admin call");
    }

    [GeneratedRegex(@"Now listening on: (?<url>http://\S+)")]
    private static partial Regex ListeningOn();
}
