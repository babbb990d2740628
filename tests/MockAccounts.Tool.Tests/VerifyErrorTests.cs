using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using FluentAssertions;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Time.Testing;
using MockAccounts.Verification;

namespace MockAccounts.Tool.Tests;

/// <summary>
/// What keeps a check from being made is reported as such, never as a crash, and exits 2: no connection, TLS,
/// timeouts, redirects, HTML pages and bodies that are not JSON, a refused credential, a failing service.
/// </summary>
[Parallelizable(ParallelScope.All)]
[CancelAfter(60_000)]
public sealed class VerifyErrorTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Test]
    public async Task An_unreachable_base_url_exits_2_saying_it_cannot_connect()
    {
        var port = FreePort();

        var run = await ToolRun.RunAsync("verify", "runloop", "--base-url", $"http://127.0.0.1:{port}", "--credential", "rl_token");

        run.Exit.Should().Be(2);
        run.Output.Should().MatchRegex($@"with-credential +request +error +cannot connect to 127\.0\.0\.1:{port}: ");
        run.Output.Should().Contain("not sent: an earlier request failed");
        run.Output.Should().EndWith("Exit 2 (some checks could not be made).\n");
    }

    [Test]
    public async Task A_redirect_is_reported_with_where_it_leads_and_not_followed()
    {
        await using var provider = await StandInProvider.StartAsync(c =>
        {
            c.Response.StatusCode = 302;
            c.Response.Headers.Location = "https://login.example.com/sso?session=s3cr3t";
            return Task.CompletedTask;
        });

        var run = await ToolRun.RunAsync(StandIns.Verify("runloop", provider));

        run.Exit.Should().Be(2);
        run.Output.Should().Contain("redirected (302) to https://login.example.com/sso?…; redirects are not followed: is the base URL right?");
        run.Output.Should().NotContain("s3cr3t");
        provider.Received.Should().OnlyContain(r => r == "GET /v1/accounts/me");
    }

    [Test]
    public async Task An_html_error_page_from_a_proxy_is_reported_as_such()
    {
        await using var provider = await StandInProvider.StartAsync(async c =>
        {
            c.Response.ContentType = "text/html";
            await c.Response.WriteAsync("<!DOCTYPE html><html><head><title>Bad Gateway</title></head><body>nginx</body></html>");
        });

        var run = await ToolRun.RunAsync(StandIns.Verify("runloop", provider));

        run.Exit.Should().Be(2);
        run.Output.Should().MatchRegex(@"with-credential +content-type +error +an HTML page \(text/html, 85 bytes\) where application/json is documented: a proxy's or gateway's error page\?");
    }

    [Test]
    public async Task A_body_that_is_not_json_is_an_error_not_a_crash()
    {
        await using var provider = await StandInProvider.StartAsync(c => StandInProvider.JsonAsync(c, StandInProvider.HasCredential(c, "Authorization") ? 200 : 401, "{\"message\": "));

        var run = await ToolRun.RunAsync(StandIns.Verify("runloop", provider));

        run.Exit.Should().Be(2);
        run.Output.Should().MatchRegex(@"with-credential +body +error +the body is not valid JSON \(12 bytes\)");
    }

    [Test]
    public async Task A_refused_credential_and_a_failing_service_are_errors()
    {
        await using var refusing = await StandInProvider.StartAsync(c => StandInProvider.JsonAsync(c, 401, VendorBodies.RunloopError().ToJsonString()));
        await using var failing = await StandInProvider.StartAsync(c => StandInProvider.JsonAsync(c, 503, VendorBodies.RunloopError().ToJsonString()));

        var refused = await ToolRun.RunAsync(StandIns.Verify("runloop", refusing));
        var failed = await ToolRun.RunAsync(StandIns.Verify("runloop", failing));

        refused.Exit.Should().Be(2);
        refused.Output.Should().MatchRegex(@"with-credential +status +error +the credential was refused \(401\): is it valid for this service\?");
        failed.Exit.Should().Be(2);
        failed.Output.Should().MatchRegex(@"with-credential +status +error +the service answered 503: nothing to hold to the contract this time");
    }

    [Test]
    public async Task A_request_without_an_answer_times_out_on_the_clock_it_is_given()
    {
        var clock = new FakeTimeProvider();
        using var arrived = new SemaphoreSlim(0);
        var release = new TaskCompletionSource();
        await using var provider = await StandInProvider.StartAsync(async _ =>
        {
            arrived.Release();
            await release.Task;
        });
        try
        {
            var target = (await ContractCatalog.LoadAsync([AppContext.BaseDirectory])).Target("runloop");
            var plan = RequestPlanner.Plan(target, new ProbeSettings { Credential = "rl_token" });
            // An hour on the fake clock: only the clock given can end the wait within the test's patience.
            using var source = new HttpResponseSource(provider.BaseAddress, TimeSpan.FromHours(1), insecure: false, clock);

            var verifying = ContractVerifier.VerifyAsync(target, plan, source, ValueDisplay.Masked);
            for (var i = 0; i < plan.Probes.Count; i++)
            {
                (await arrived.WaitAsync(Patience)).Should().BeTrue("request {0} reaches the stand-in", i + 1);
                clock.Advance(TimeSpan.FromHours(1));
            }

            var report = await verifying.WaitAsync(Patience);
            report.Checks.Should().HaveCount(3).And.OnlyContain(c => c.Outcome == CheckOutcome.Error && c.Aspect == CheckAspect.Request);
            report.Checks[0].Detail.Should().Be($"127.0.0.1:{provider.BaseAddress.Port} gave no complete response within 3600 s (--timeout)");
            report.ExitCode.Should().Be(2);
        }
        finally
        {
            release.SetResult();
        }
    }

    [Test]
    public async Task A_certificate_that_is_not_trusted_is_a_tls_error_unless_insecure_is_asked()
    {
        using var certificate = SelfSigned();
        await using var provider = await StandInProvider.StartAsync(
            c => StandInProvider.HasCredential(c, "Authorization")
                ? StandInProvider.JsonAsync(c, 200, VendorBodies.RunloopAccount().ToJsonString())
                : StandInProvider.JsonAsync(c, 401, VendorBodies.RunloopError().ToJsonString()),
            certificate);

        var strict = await ToolRun.RunAsync(StandIns.Verify("runloop", provider));
        var insecure = await ToolRun.RunAsync(StandIns.Verify("runloop", provider, "--insecure"));

        provider.Url.Should().StartWith("https://");
        strict.Exit.Should().Be(2);
        strict.Output.Should().MatchRegex($@"with-credential +request +error +TLS error with 127\.0\.0\.1:{provider.BaseAddress.Port}: ").And.Contain("(--insecure skips certificate checks, for a test server only)");
        insecure.Exit.Should().Be(0, insecure.Output);
    }

    [TestCase("verify", "runloop", "--base-urll", "http://127.0.0.1:1", "unknown option '--base-urll' (did you mean --base-url?)")]
    [TestCase("verify", "runloop", "--credential", "x", "error: give either --base-url URL (the live service) or --recorded DIR (a recording)")]
    [TestCase("verify", "runloop", "--base-url", "http://127.0.0.1:1", "error: no credential for runloop: set MOCKACCOUNTS_CREDENTIAL_RUNLOOP (or pass --credential)")]
    [TestCase("verify", "acme", "--recorded", "/tmp", "error: unknown vendor 'acme' (vendors: depicta, opterius, runloop, ultravox)")]
    [TestCase("verify", "opterius", "--variant", "v9", "--recorded", "/tmp", "error: vendor 'opterius' has no variant 'v9' (variants: documented, v2.7.0)")]
    [TestCase("verify", "runloop", "--base-url", "ftp://example.com", "--credential", "x", "error: --base-url 'ftp://example.com' is not an http:// or https:// URL")]
    [TestCase("verify", "runloop", "--base-url", "http://127.0.0.1:1", "--credential", "x", "--param", "novalue", "error: --param 'novalue': expected NAME=VALUE")]
    [TestCase("record", "runloop", "--credential", "x", "Option '--out' is required.")]
    [TestCase("diff", "--format", "xml", "Argument 'xml' not recognized.")]
    public async Task A_usage_error_exits_2_saying_what_is_wrong(params string[] argsThenMessage)
    {
        var run = await ToolRun.RunAsync(argsThenMessage[..^1]);

        run.Exit.Should().Be(2);
        run.Error.Should().Contain(argsThenMessage[^1]);
    }

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private static X509Certificate2 SelfSigned()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=mockaccounts-standin", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        using var created = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        return X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pfx), null);
    }
}
