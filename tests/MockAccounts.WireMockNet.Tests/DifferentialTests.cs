using System.Net.Http.Headers;
using System.Text;
using FluentAssertions;
using MockAccounts.Core.Scenarios;
using MockAccounts.Testing;

namespace MockAccounts.WireMockNet.Tests;

/// <summary>
/// Every scenario of every vendor and variant, asked of MockAccounts on WireMock.Net and of MockAccounts' own Kestrel host
/// with the same seed, reference time and token, request after request through each sequence: the same status, headers and
/// body bytes. Both clients check every response against its contract. Known differences, asserted as such so that a change
/// shows: a scenario that resets or closes the connection answers WireMock.Net's 501 problem (a response callback cannot do
/// either); WireMock.Net sends a body chunked, without Content-Length (framing is not compared); slow-body arrives whole
/// after its time rather than in pieces (only the bytes are compared).
/// </summary>
[Parallelizable(ParallelScope.All)]
public sealed class DifferentialTests
{
    /// <summary>Headers that say how bytes travel or when, not what the vendor answered.</summary>
    private static readonly HashSet<string> Framing = new(["Date", "Server", "Content-Length", "Transfer-Encoding"], StringComparer.OrdinalIgnoreCase);

    private static IEnumerable<TestCaseData> Cases() => ScenarioCases.All();

    [TestCaseSource(nameof(Cases))]
    public async Task Every_step_of_the_scenario_answers_alike_on_both_hosts(string vendor, string variant, string scenarioName)
    {
        var contract = Hosts.Contracts.Current.Contracts.Find(vendor)!.Variants[variant];
        var scenario = contract.Catalogue.Find(scenarioName)!;
        var account = await BindOnBothAsync(vendor, variant, scenarioName);
        using var ours = Client(Hosts.Client(Hosts.Ours.BaseAddress), account);
        using var theirs = Client(Hosts.Client(Hosts.WireMock), account);
        // A malformed body breaks its contract on purpose: those steps go unchecked, and must not parse.
        using var oursUnchecked = Client(new HttpClient { BaseAddress = Hosts.Ours.BaseAddress }, account);
        using var theirsUnchecked = Client(new HttpClient { BaseAddress = new Uri(Hosts.WireMock.Url!) }, account);

        var steps = scenario.Steps.Sum(s => s.Repeat) + 1;
        for (var step = 0; step < steps; step++)
        {
            var malformed = scenario.StepAt(step).Fault == FaultKind.MalformedJson;
            var expected = await AnswerAsync(malformed ? oursUnchecked : ours, HttpMethod.Get, contract.Account.Path);
            var actual = await AnswerAsync(malformed ? theirsUnchecked : theirs, HttpMethod.Get, contract.Account.Path);
            if (malformed)
            {
                var body = actual[(actual.LastIndexOf('\n') + 1)..];
                FluentActions.Invoking(() => System.Text.Json.JsonDocument.Parse(body)).Should().Throw<System.Text.Json.JsonException>($"step {step} sends a body that is not JSON");
            }

            if (scenario.StepAt(step).Fault is FaultKind.ConnectionReset or FaultKind.EmptyResponse)
            {
                expected.Should().Be("connection closed", $"step {step}: MockAccounts' own host closes the connection");
                actual.Should().StartWith("501 ").And.Contain("Fault not available on WireMock.Net", $"step {step}: the known difference");
            }
            else
            {
                actual.Should().Be(expected, $"step {step} of {vendor} {variant} {scenarioName}");
            }
        }
    }

    [TestCase("GET", "/v1/accounts/me", null, TestName = "No credentials: the vendor's own 401")]
    [TestCase("HEAD", "/v1/accounts/me", "Bearer rl_head", TestName = "HEAD answers as GET, without a body")]
    [TestCase("POST", "/v1/accounts/me", "Bearer rl_post", TestName = "An undocumented method: 405 with Allow")]
    [TestCase("GET", "/runloop/v1/accounts/me", "Bearer rl_prefixed", TestName = "The vendor-prefixed path")]
    [TestCase("GET", "/api/accounts/me", "abcd1234.0123456789abcdef0123456789abcdef", TestName = "Ultravox's API-key header")]
    [TestCase("GET", "/api/accounts/me", "not-a-key", TestName = "A credential without the documented shape: 401")]
    public async Task Other_requests_answer_alike(string method, string path, string? credential)
    {
        using var ours = Hosts.Client(Hosts.Ours.BaseAddress);
        using var theirs = Hosts.Client(Hosts.WireMock);
        foreach (var client in new[] { ours, theirs })
        {
            if (credential is not null)
            {
                client.DefaultRequestHeaders.TryAddWithoutValidation(path.StartsWith("/api/accounts", StringComparison.Ordinal) ? "X-API-Key" : "Authorization", credential);
            }
        }

        (await AnswerAsync(theirs, new HttpMethod(method), path)).Should().Be(await AnswerAsync(ours, new HttpMethod(method), path));
    }

    [TestCase("scenario=quota-reachd", TestName = "An unknown scenario in Prefer: the same 400 problem")]
    [TestCase("code=429", TestName = "Prefer: code picks the same scenario")]
    [TestCase("variation=edges", TestName = "Prefer: variation=edges walks the same edges")]
    [TestCase("variant=v2.7.0", TestName = "Prefer: variant of a vendor without it: the same 400 problem")]
    public async Task Request_preferences_answer_alike(string preference)
    {
        var account = await BindOnBothAsync(Vendors.Runloop, "documented", Runloop.Scenarios.Enabled);
        using var ours = Client(Hosts.Client(Hosts.Ours.BaseAddress), account);
        using var theirs = Client(Hosts.Client(Hosts.WireMock), account);
        foreach (var client in new[] { ours, theirs })
        {
            client.DefaultRequestHeaders.Add("Prefer", preference);
        }

        for (var request = 0; request < 3; request++)
        {
            (await AnswerAsync(theirs, HttpMethod.Get, "/v1/accounts/me")).Should().Be(await AnswerAsync(ours, HttpMethod.Get, "/v1/accounts/me"), $"request {request}");
        }
    }

    [TestCase("{\"display_name\": \"Ada\"}", TestName = "Depicta PATCH: the same answer and the same edited account after it")]
    [TestCase("{\"display_name\": 7}", TestName = "Depicta PATCH with a body its schema refuses: the same refusal")]
    [TestCase("{not json", TestName = "Depicta PATCH with a body that is not JSON: the same refusal")]
    public async Task Actions_answer_alike_and_leave_the_same_account(string body)
    {
        var account = await BindOnBothAsync(Vendors.Depicta, "documented", Depicta.Scenarios.Funded);
        using var ours = Client(Hosts.Client(Hosts.Ours.BaseAddress), account);
        using var theirs = Client(Hosts.Client(Hosts.WireMock), account);

        (await AnswerAsync(theirs, HttpMethod.Patch, "/v1/account/profile", body)).Should().Be(await AnswerAsync(ours, HttpMethod.Patch, "/v1/account/profile", body));
        (await AnswerAsync(theirs, HttpMethod.Get, "/v1/account/profile")).Should().Be(await AnswerAsync(ours, HttpMethod.Get, "/v1/account/profile"));
    }

    /// <summary>A fresh token of the vendor's shape, given the same variant and scenario on both hosts.</summary>
    private static async Task<MockAccount> BindOnBothAsync(string vendor, string variant, string scenario)
    {
        var account = await Hosts.Ours.Vendor(vendor).CreateAccountAsync();
        var onWireMock = Hosts.OnWireMock.Vendor(vendor);
        if (variant != "documented")
        {
            await Hosts.Ours.Admin.SetTokenVariantAsync(vendor, account.Token, variant);
            await onWireMock.SetTokenVariantAsync(account.Token, variant);
        }

        await Hosts.Ours.Admin.BindTokenAsync(vendor, account.Token, scenario);
        await onWireMock.BindTokenAsync(account.Token, scenario);
        return account;
    }

    private static HttpClient Client(HttpClient client, MockAccount account)
    {
        account.Authorize(client.DefaultRequestHeaders);
        return client;
    }

    /// <summary>Status, the headers that say what the vendor answered (sorted), and the body bytes; or that the connection closed.</summary>
    private static async Task<string> AnswerAsync(HttpClient client, HttpMethod method, string path, string? body = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        }

        try
        {
            using var response = await Hosts.AdvancingClockAsync(() => client.SendAsync(request));
            var headers = response.Headers.Concat(response.Content.Headers).Where(h => !Framing.Contains(h.Key))
                .OrderBy(h => h.Key, StringComparer.OrdinalIgnoreCase).Select(h => $"{h.Key.ToLowerInvariant()}={string.Join(",", h.Value)}");
            var bytes = await response.Content.ReadAsByteArrayAsync();
            return $"{(int)response.StatusCode} {string.Join("; ", headers)}\n{Convert.ToHexString(bytes)}\n{Encoding.UTF8.GetString(bytes)}";
        }
        catch (HttpRequestException)
        {
            return "connection closed";
        }
    }
}
