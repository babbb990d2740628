using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using MockAccounts.Core.Generation;
using MockAccounts.AspNetCore.Admin;

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

    /// <summary>A client over its own <see cref="HttpClient"/>, disposed with this one.</summary>
    /// <param name="baseAddress">The mock's address, e.g. <c>http://localhost:8080</c>.</param>
    /// <param name="adminKey">The mock's <c>MockAccounts:Admin:Key</c>, when it has one.</param>
    public MockAccountsAdminClient(Uri baseAddress, string? adminKey = null)
        : this(new HttpClient { BaseAddress = baseAddress }, adminKey, ownsClient: true)
    {
    }

    /// <summary>A client over <paramref name="http"/>, which stays the caller's to dispose.</summary>
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

    /// <summary><c>GET /__admin/health</c>: status, version, contract reload state, journal and memory figures.</summary>
    public Task<HealthDto> GetHealthAsync(CancellationToken cancellationToken = default) =>
        GetAsync<HealthDto>("__admin/health", cancellationToken);

    /// <summary><c>GET /__admin/scenarios</c>: each vendor as a WireMock scenario, its state the vendor's current scenario.</summary>
    public Task<ScenariosDto> GetScenariosAsync(CancellationToken cancellationToken = default) =>
        GetAsync<ScenariosDto>("__admin/scenarios", cancellationToken);

    /// <summary>Switches a whole vendor to a scenario (WireMock: sets the scenario's state).</summary>
    public Task SetScenarioAsync(string vendor, string scenario, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Put, $"__admin/scenarios/{Escape(vendor)}/state", new { state = scenario }, cancellationToken);

    /// <summary>Every vendor back to its default scenario.</summary>
    public Task ResetScenariosAsync(CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Post, "__admin/scenarios/reset", null, cancellationToken);

    /// <summary>Serves another contract variant of a vendor (e.g. Opterius' observed <c>v2.7.0</c>).</summary>
    public Task SetVariantAsync(string vendor, string variant, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Put, $"__admin/vendors/{Escape(vendor)}/variant", new { variant }, cancellationToken);

    /// <summary>The variation of one token (<see cref="Variation.Edges"/>: its requests walk the contract's edges).</summary>
    public Task SetTokenVariationAsync(string vendor, string token, Variation variation, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Put, TokenPath(vendor, token, "variation"), new { variation = variation.ToString().ToLowerInvariant() }, cancellationToken);

    /// <summary>Serves one token a variant of its own (e.g. Opterius' observed <c>v2.7.0</c>).</summary>
    public Task SetTokenVariantAsync(string vendor, string token, string variant, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Put, TokenPath(vendor, token, "variant"), new { variant }, cancellationToken);

    /// <summary>Every vendor with its variants, current scenario and endpoints.</summary>
    public Task<VendorsDto> GetVendorsAsync(CancellationToken cancellationToken = default) =>
        GetAsync<VendorsDto>("__admin/vendors", cancellationToken);

    /// <summary>One vendor: its variants, scenarios (with descriptions and statuses) and endpoints.</summary>
    public Task<VendorDto> GetVendorAsync(string vendor, CancellationToken cancellationToken = default) =>
        GetAsync<VendorDto>($"__admin/vendors/{Escape(vendor)}", cancellationToken);

    /// <summary>The OpenAPI document being served for a vendor (or the named variant's).</summary>
    public Task<JsonNode> GetOpenApiAsync(string vendor, string? variant = null, CancellationToken cancellationToken = default) =>
        GetAsync<JsonNode>($"__admin/vendors/{Escape(vendor)}/openapi{(variant is null ? "" : "?variant=" + Uri.EscapeDataString(variant))}", cancellationToken);

    /// <summary>Binds one token to a scenario; other tokens are untouched. The token travels in the body, so any character is fine.</summary>
    public Task BindTokenAsync(string vendor, string token, string scenario, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Post, $"__admin/vendors/{Escape(vendor)}/tokens", new { token, scenario }, cancellationToken);

    /// <summary>Removes a token's scenario binding; the token falls back to the vendor's scenario.</summary>
    public Task UnbindTokenAsync(string vendor, string token, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Delete, TokenPath(vendor, token, "scenario"), null, cancellationToken);

    /// <summary>What the token receives now, without advancing a sequence.</summary>
    public Task<AccountDto> GetAccountAsync(string vendor, string token, CancellationToken cancellationToken = default) =>
        GetAsync<AccountDto>(TokenPath(vendor, token, "account"), cancellationToken);

    /// <summary>Overrides fields of the token's account; refused (nothing changed) when the result breaks the contract.</summary>
    public async Task<AccountDto> EditAccountAsync(string vendor, string token, JsonObject fields, CancellationToken cancellationToken = default)
    {
        using var response = await SendRawAsync(HttpMethod.Patch, TokenPath(vendor, token, "account"), fields, cancellationToken).ConfigureAwait(false);
        return await ReadAsync<AccountDto>(response, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Drops the edits made to a token's account with <see cref="EditAccountAsync"/>.</summary>
    public Task ClearAccountEditsAsync(string vendor, string token, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Delete, TokenPath(vendor, token, "account"), null, cancellationToken);

    /// <summary>The journal, newest first (at most <paramref name="limit"/> entries).</summary>
    public Task<ServeEventsDto> GetRequestsAsync(int? limit = null, CancellationToken cancellationToken = default) =>
        GetAsync<ServeEventsDto>($"__admin/requests{(limit is null ? "" : $"?limit={limit}")}", cancellationToken);

    /// <summary>How many journaled requests match a WireMock request pattern.</summary>
    public async Task<int> CountRequestsAsync(RequestPatternDto pattern, CancellationToken cancellationToken = default)
    {
        using var response = await SendRawAsync(HttpMethod.Post, "__admin/requests/count", pattern, cancellationToken).ConfigureAwait(false);
        return (await ReadAsync<CountDto>(response, cancellationToken).ConfigureAwait(false)).Count;
    }

    /// <summary>The journaled requests that match a WireMock request pattern.</summary>
    public async Task<IReadOnlyList<LoggedRequestDto>> FindRequestsAsync(RequestPatternDto pattern, CancellationToken cancellationToken = default)
    {
        using var response = await SendRawAsync(HttpMethod.Post, "__admin/requests/find", pattern, cancellationToken).ConfigureAwait(false);
        return (await ReadAsync<FoundRequestsDto>(response, cancellationToken).ConfigureAwait(false)).Requests;
    }

    /// <summary>Empties the journal.</summary>
    public Task ClearRequestsAsync(CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Delete, "__admin/requests", null, cancellationToken);

    /// <summary>Scenarios, token bindings, account edits, variants and the journal back to a fresh start.</summary>
    public Task ResetAsync(CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Post, "__admin/reset", null, cancellationToken);

    /// <summary>Disposes the <see cref="HttpClient"/> if this client created it.</summary>
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
        using var response = await SendRawAsync(HttpMethod.Get, path, null, cancellationToken).ConfigureAwait(false);
        return await ReadAsync<T>(response, cancellationToken).ConfigureAwait(false);
    }

    private async Task SendAsync(HttpMethod method, string path, object? body, CancellationToken cancellationToken)
    {
        using var response = await SendRawAsync(method, path, body, cancellationToken).ConfigureAwait(false);
        await EnsureSuccessAsync(response, cancellationToken).ConfigureAwait(false);
    }

    private async Task<HttpResponseMessage> SendRawAsync(HttpMethod method, string path, object? body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body, body.GetType(), options: Json) };
        if (_adminKey is not null)
        {
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", _adminKey);
        }

        return await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<T> ReadAsync<T>(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        await EnsureSuccessAsync(response, cancellationToken).ConfigureAwait(false);
        return (await response.Content.ReadFromJsonAsync<T>(Json, cancellationToken).ConfigureAwait(false))!;
    }

    private static async Task EnsureSuccessAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (!response.IsSuccessStatusCode)
        {
            throw new MockAccountsAdminException((int)response.StatusCode, await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false));
        }
    }
}
