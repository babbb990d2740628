using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using FluentAssertions;
using MockAccounts.AspNetCore.Http;
using MockAccounts.Core.Contracts;

namespace MockAccounts.Server.Tests.Published;

/// <summary>
/// The corpus of published specs (tests/published-specs), served unchanged by the real server: every GET's
/// default answer and every documented status keep the spec as JsonSchema.Net reads it, besides the contract
/// check every test client makes with the mock's own validator.
/// </summary>
[Parallelizable(ParallelScope.Children)]
[CancelAfter(120_000)]
public sealed class PublishedSpecCorpusTests
{
    private static readonly JsonSerializerOptions Strict = new() { UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow };
    private static RunningServer? _server;

    private static RunningServer Server => _server ?? throw new InvalidOperationException("the fixture has not started");

    public static IEnumerable<TestCaseData> GetOperations() =>
        PublishedCorpus.Operations("get").Select(o => new TestCaseData(o).SetArgDisplayNames(o.ToString()));

    public static IEnumerable<TestCaseData> DocumentedStatuses() =>
        PublishedCorpus.Operations().SelectMany(o => PublishedCorpus.Statuses(o).Select(s => new TestCaseData(o, s).SetArgDisplayNames($"{o} {s}")));

    [OneTimeSetUp]
    public async Task StartAsync() => _server = await RunningServer.StartAsync(PublishedCorpus.Folder);

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    [Test]
    public void Every_spec_of_the_corpus_loads_unchanged()
    {
        var vendors = Server.Contracts.Current.Contracts.Vendors;

        vendors.Keys.Should().BeEquivalentTo(PublishedCorpus.Vendors);
        foreach (var vendor in vendors.Values)
        {
            vendor.Documented.Format.Should().Be(ContractFormat.Published);
            vendor.Documented.Operations.Select(o => $"{o.Method} {o.Path}").Distinct()
                .Should().BeEquivalentTo(PublishedCorpus.Operations().Where(o => o.Vendor == vendor.Name).Select(o => $"{o.Method} {o.ServedPath}"));
        }
    }

    [TestCaseSource(nameof(GetOperations))]
    public async Task Every_GET_answers_its_default_scenario_with_a_body_the_spec_accepts(PublishedCorpus.Operation operation)
    {
        var expected = PublishedCorpus.Statuses(operation).Where(s => s is >= 200 and < 300).DefaultIfEmpty(PublishedCorpus.Statuses(operation).Min()).Min();

        using var response = await SendAsync(operation, prefer: null);

        ((int)response.StatusCode).Should().Be(expected);
        await ExpectSpecBodyAsync(operation, expected, response);
    }

    [TestCaseSource(nameof(DocumentedStatuses))]
    public async Task Prefer_code_reaches_every_documented_status(PublishedCorpus.Operation operation, int status)
    {
        using var response = await SendAsync(operation, prefer: $"code={status.ToString(CultureInfo.InvariantCulture)}");

        ((int)response.StatusCode).Should().Be(status);
        await ExpectSpecBodyAsync(operation, status, response);
    }

    [Test]
    public async Task Ultravox_served_unchanged_answers_the_account_the_SDK_shapes_accept()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/accounts/me");
        request.Headers.Add("X-API-Key", "published-spec-key");

        using var response = await Server.Client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var account = JsonSerializer.Deserialize<SdkShapedAccount>(body, Strict)!;
        account.AccountId.Should().NotBeEmpty();
        account.Name.Should().NotBeNull();
        account.FreeTimeUsed.Should().NotBeNull();
    }

    [Test]
    public async Task The_admin_API_says_a_vendor_is_a_published_spec_and_lists_its_warnings_with_their_pointers()
    {
        var vendor = System.Text.Json.Nodes.JsonNode.Parse(await Server.Client.GetStringAsync(new Uri("/__admin/vendors/ultravox", UriKind.Relative)))!;
        var documented = vendor["variants"]![0]!;

        documented["format"]!.GetValue<string>().Should().Be("published");
        documented["warnings"]!.AsArray().Should().Contain(w => w!["pointer"]!.GetValue<string>() == "/paths/~1api~1calls~1{call_id}~1recording/get/responses/200/content"
            && w["message"]!.GetValue<string>() == "only audio/wav: served without a body (this mock serves JSON bodies)");
    }

    [Test]
    public async Task A_request_without_the_documented_credential_gets_a_401()
    {
        using var response = await Server.Client.GetAsync(new Uri("/api/accounts/me", UriKind.Relative));

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await response.Content.ReadAsStringAsync()).Should().Contain("missing X-API-Key header");
    }

    private static async Task<HttpResponseMessage> SendAsync(PublishedCorpus.Operation operation, string? prefer)
    {
        var (url, headers) = PublishedCorpus.Credentials(operation, PublishedCorpus.Url(operation), "corpus-token");
        using var request = new HttpRequestMessage(new HttpMethod(operation.Method), url);
        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        if (prefer is not null)
        {
            request.Headers.Add("Prefer", prefer);
        }

        if (RequestBody(operation) is { } body)
        {
            request.Content = new ByteArrayContent(body) { Headers = { { "Content-Type", "application/json" } } };
        }

        return await Server.Client.SendAsync(request);
    }

    /// <summary>A body the operation's request schema accepts (made by the mock's generator: input for the request, not what is checked).</summary>
    private static byte[]? RequestBody(PublishedCorpus.Operation operation)
    {
        var snapshot = Server.Contracts.Current;
        var contract = snapshot.Variant(operation.Vendor).FindOperation(operation.Method, operation.ServedPath);
        if (contract?.RequestBody is not { } body)
        {
            return null;
        }

        var json = snapshot.Responses.Generator.GenerateRequest(operation.Vendor, "corpus-request", body.Schema);
        return Encoding.UTF8.GetBytes(json?.ToJsonString() ?? "null");
    }

    private static async Task ExpectSpecBodyAsync(PublishedCorpus.Operation operation, int status, HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsByteArrayAsync();
        var schema = PublishedCorpus.BodySchema(operation, status);
        if (schema is null)
        {
            response.Content.Headers.ContentType?.MediaType.Should().NotBe("application/problem+json", "the status is the vendor's documented one, not a refusal");
            return;
        }

        IndependentValidator.Validate(operation.Vendor, schema, body).Should().BeEmpty($"{operation} {status} answered {Encoding.UTF8.GetString(body)}");
    }

    /// <summary>Ultravox's Account as the tryAGI SDK shapes it (its types and required member), written for this test.</summary>
    private sealed class SdkShapedAccount
    {
        [JsonPropertyName("accountId")] public Guid AccountId { get; set; }
        [JsonPropertyName("name")] public string? Name { get; set; }
        [JsonPropertyName("billingUrl")] public string? BillingUrl { get; set; }
        [JsonPropertyName("freeTimeUsed")] public string? FreeTimeUsed { get; set; }
        [JsonPropertyName("freeTimeRemaining")] public string? FreeTimeRemaining { get; set; }
        [JsonPropertyName("hasActiveSubscription")][JsonRequired] public bool HasActiveSubscription { get; set; }
        [JsonPropertyName("subscriptionTier")] public string? SubscriptionTier { get; set; }
        [JsonPropertyName("subscriptionCadence")] public string? SubscriptionCadence { get; set; }
        [JsonPropertyName("subscriptionExpiration")] public DateTime? SubscriptionExpiration { get; set; }
        [JsonPropertyName("subscriptionScheduledUpdate")] public DateTime? SubscriptionScheduledUpdate { get; set; }
        [JsonPropertyName("subscriptionRenewal")] public DateTime? SubscriptionRenewal { get; set; }
        [JsonPropertyName("activeCalls")] public int ActiveCalls { get; set; }
        [JsonPropertyName("allowedConcurrentCalls")] public int? AllowedConcurrentCalls { get; set; }
        [JsonPropertyName("allowedVoices")] public int? AllowedVoices { get; set; }
        [JsonPropertyName("allowedCorpora")] public int? AllowedCorpora { get; set; }
    }
}
