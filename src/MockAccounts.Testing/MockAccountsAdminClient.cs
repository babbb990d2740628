using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using MockAccounts.Server.Admin;

namespace MockAccounts.Testing;

/// <summary>
/// The admin API, typed. Works the same against an in-process <see cref="MockAccountsServer"/> and
/// a running container: <c>new MockAccountsAdminClient(new Uri("http://localhost:8080"))</c>.
/// </summary>
public sealed class MockAccountsAdminClient : IDisposable
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    private readonly HttpClient _http;
    private readonly bool _ownsClient;
    private readonly string? _adminKey;

    /// <param name="adminKey">The mock's <c>MockAccounts:Admin:Key</c>, when it has one.</param>
    public MockAccountsAdminClient(Uri baseAddress, string? adminKey = null)
        : this(new HttpClient { BaseAddress = baseAddress }, adminKey, ownsClient: true)
    {
    }

    /// <param name="http">A client whose base address is the mock (e.g. over <see cref="MockAccountsServer.CreateHandler"/>).</param>
    /// <param name="adminKey">The mock's <c>MockAccounts:Admin:Key</c>, when it has one.</param>
    public MockAccountsAdminClient(HttpClient http, string? adminKey = null)
        : this(http, adminKey, ownsClient: false)
    {
    }

    private MockAccountsAdminClient(HttpClient http, string? adminKey, bool ownsClient)
    {
        _http = http;
        _adminKey = adminKey;
        _ownsClient = ownsClient;
    }

    public Task<HealthDto> GetHealthAsync(CancellationToken cancellationToken = default) =>
        GetAsync<HealthDto>("__admin/health", cancellationToken);

    public Task<ScenariosDto> GetScenariosAsync(CancellationToken cancellationToken = default) =>
        GetAsync<ScenariosDto>("__admin/scenarios", cancellationToken);

    /// <summary>Switches a whole vendor to a scenario (WireMock: sets the scenario's state).</summary>
    public Task SetScenarioAsync(string vendor, string scenario, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Put, $"__admin/scenarios/{Escape(vendor)}/state", new { state = scenario }, cancellationToken);

    public Task ResetScenariosAsync(CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Post, "__admin/scenarios/reset", null, cancellationToken);

    public Task SetVariantAsync(string vendor, string variant, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Put, $"__admin/vendors/{Escape(vendor)}/variant", new { variant }, cancellationToken);

    public Task<VendorsDto> GetVendorsAsync(CancellationToken cancellationToken = default) =>
        GetAsync<VendorsDto>("__admin/vendors", cancellationToken);

    public Task<VendorDto> GetVendorAsync(string vendor, CancellationToken cancellationToken = default) =>
        GetAsync<VendorDto>($"__admin/vendors/{Escape(vendor)}", cancellationToken);

    public Task<JsonNode> GetOpenApiAsync(string vendor, string? variant = null, CancellationToken cancellationToken = default) =>
        GetAsync<JsonNode>($"__admin/vendors/{Escape(vendor)}/openapi{(variant is null ? "" : "?variant=" + Uri.EscapeDataString(variant))}", cancellationToken);

    /// <summary>Binds one token to a scenario; other tokens are untouched.</summary>
    public Task BindTokenAsync(string vendor, string token, string scenario, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Put, TokenPath(vendor, token, "scenario"), new { scenario }, cancellationToken);

    public Task UnbindTokenAsync(string vendor, string token, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Delete, TokenPath(vendor, token, "scenario"), null, cancellationToken);

    /// <summary>What the token receives now, without advancing a sequence.</summary>
    public Task<AccountDto> GetAccountAsync(string vendor, string token, CancellationToken cancellationToken = default) =>
        GetAsync<AccountDto>(TokenPath(vendor, token, "account"), cancellationToken);

    /// <summary>Overrides fields of the token's account; refused (nothing changed) when the result breaks the contract.</summary>
    public async Task<AccountDto> EditAccountAsync(string vendor, string token, JsonObject fields, CancellationToken cancellationToken = default)
    {
        using var response = await SendRawAsync(HttpMethod.Patch, TokenPath(vendor, token, "account"), fields, cancellationToken);
        return await ReadAsync<AccountDto>(response, cancellationToken);
    }

    public Task ClearAccountEditsAsync(string vendor, string token, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Delete, TokenPath(vendor, token, "account"), null, cancellationToken);

    public Task<ServeEventsDto> GetRequestsAsync(int? limit = null, CancellationToken cancellationToken = default) =>
        GetAsync<ServeEventsDto>($"__admin/requests{(limit is null ? "" : $"?limit={limit}")}", cancellationToken);

    public async Task<int> CountRequestsAsync(RequestPatternDto pattern, CancellationToken cancellationToken = default)
    {
        using var response = await SendRawAsync(HttpMethod.Post, "__admin/requests/count", pattern, cancellationToken);
        return (await ReadAsync<CountDto>(response, cancellationToken)).Count;
    }

    public async Task<IReadOnlyList<LoggedRequestDto>> FindRequestsAsync(RequestPatternDto pattern, CancellationToken cancellationToken = default)
    {
        using var response = await SendRawAsync(HttpMethod.Post, "__admin/requests/find", pattern, cancellationToken);
        return (await ReadAsync<FoundRequestsDto>(response, cancellationToken)).Requests;
    }

    public Task ClearRequestsAsync(CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Delete, "__admin/requests", null, cancellationToken);

    /// <summary>Scenarios, token bindings, account edits, variants and the journal back to a fresh start.</summary>
    public Task ResetAsync(CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Post, "__admin/reset", null, cancellationToken);

    public void Dispose()
    {
        if (_ownsClient)
        {
            _http.Dispose();
        }
    }

    private static string Escape(string segment) => Uri.EscapeDataString(segment);

    private static string TokenPath(string vendor, string token, string leaf) => $"__admin/vendors/{Escape(vendor)}/tokens/{Escape(token)}/{leaf}";

    private async Task<T> GetAsync<T>(string path, CancellationToken cancellationToken)
    {
        using var response = await SendRawAsync(HttpMethod.Get, path, null, cancellationToken);
        return await ReadAsync<T>(response, cancellationToken);
    }

    private async Task SendAsync(HttpMethod method, string path, object? body, CancellationToken cancellationToken)
    {
        using var response = await SendRawAsync(method, path, body, cancellationToken);
        await EnsureSuccessAsync(response, cancellationToken);
    }

    private async Task<HttpResponseMessage> SendRawAsync(HttpMethod method, string path, object? body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body, body.GetType(), options: Json) };
        if (_adminKey is not null)
        {
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", _adminKey);
        }

        return await _http.SendAsync(request, cancellationToken);
    }

    private static async Task<T> ReadAsync<T>(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        await EnsureSuccessAsync(response, cancellationToken);
        return (await response.Content.ReadFromJsonAsync<T>(Json, cancellationToken))!;
    }

    private static async Task EnsureSuccessAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (!response.IsSuccessStatusCode)
        {
            throw new MockAccountsAdminException((int)response.StatusCode, await response.Content.ReadAsStringAsync(cancellationToken));
        }
    }
}

/// <summary>The admin API refused a call; <see cref="Problem"/> is its problem+json body.</summary>
public sealed class MockAccountsAdminException : Exception
{
    public MockAccountsAdminException() { }

    public MockAccountsAdminException(string message) : base(message) { }

    public MockAccountsAdminException(string message, Exception innerException) : base(message, innerException) { }

    public MockAccountsAdminException(int status, string problem)
        : base($"The MockAccounts admin API answered {status}: {Detail(problem)}")
    {
        Status = status;
        Problem = problem;
    }

    public int Status { get; }

    public string Problem { get; } = "";

    private static string Detail(string problem)
    {
        try
        {
            return JsonNode.Parse(problem)?["detail"]?.GetValue<string>() ?? problem;
        }
        catch (JsonException)
        {
            return problem;
        }
    }
}
