using System.Diagnostics;
using System.Net;
using FluentAssertions;

namespace MockAccounts.Server.Tests;

/// <summary>HTTP/1.1 and HTTP/2 cleartext (prior knowledge) on the same port.</summary>
[Parallelizable(ParallelScope.All)]
public sealed class ProtocolTests
{
    [Test]
    public async Task HttpClient_gets_exactly_the_version_it_asks_for_on_one_port()
    {
        var server = SharedServer.Instance;
        using var h1 = server.NewClient(HttpVersion.Version11);
        using var h2 = server.NewClient(HttpVersion.Version20);
        var token = Calls.NewToken("proto");

        var one = await h1.SendAsync(Versioned(Calls.Account(server, "runloop", token), HttpVersion.Version11));
        var two = await h2.SendAsync(Versioned(Calls.Account(server, "runloop", token), HttpVersion.Version20));

        one.Version.Should().Be(HttpVersion.Version11);
        two.Version.Should().Be(HttpVersion.Version20);
        (await two.Content.ReadAsStringAsync()).Should().Be(await one.Content.ReadAsStringAsync());
    }

    [Test]
    public async Task Many_h2_streams_share_one_connection()
    {
        var server = SharedServer.Instance;
        using var h2 = server.NewClient(HttpVersion.Version20);

        var responses = await Task.WhenAll(Enumerable.Range(0, 50).Select(i => h2.SendAsync(Versioned(Calls.Account(server, "depicta", $"h2-{i}"), HttpVersion.Version20))));

        responses.Should().OnlyContain(r => r.StatusCode == HttpStatusCode.OK && r.Version == HttpVersion.Version20);
    }

    [TestCase("--http2-prior-knowledge", "HTTP/2 200")]
    [TestCase("--http1.1", "HTTP/1.1 200")]
    public async Task Curl_speaks_both_protocols_to_the_same_port(string flag, string statusLine)
    {
        var url = new Uri(SharedServer.Instance.Address, "/v1/accounts/me");
        var output = await RunAsync("curl", "-sS", "-i", flag, "-H", "Authorization: Bearer curl-token", url.ToString());

        output.Should().StartWith(statusLine);
        output.Should().Contain("\"account_status\":\"ACCOUNT_STATUS_ENABLED\"");
    }

    private static HttpRequestMessage Versioned(HttpRequestMessage request, Version version)
    {
        request.Version = version;
        request.VersionPolicy = HttpVersionPolicy.RequestVersionExact;
        return request;
    }

    private static async Task<string> RunAsync(string file, params string[] args)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        args.ToList().ForEach(start.ArgumentList.Add);
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        process.ExitCode.Should().Be(0, await process.StandardError.ReadToEndAsync());
        return output;
    }
}
