using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using MockAccounts.Core.Contracts;
using MockAccounts.Core.Runtime;
using MockAccounts.Server.Tests;

namespace MockAccounts.Replicas.Tests;

/// <summary>One replica of the set: its process and a client that checks every response it receives against its contract.</summary>
public sealed class Replica : IAsyncDisposable
{
    private readonly ContractStore _contracts;

    private Replica(ServerProcess process, ContractStore contracts)
    {
        Process = process;
        _contracts = contracts;
        Client = new HttpClient(new ContractCheckingHandler(contracts) { InnerHandler = new SocketsHttpHandler() })
        {
            BaseAddress = process.Address,
            Timeout = TimeSpan.FromSeconds(30),
        };
    }

    public ServerProcess Process { get; }

    public HttpClient Client { get; }

    public string Name => Process.Name;

    public static async Task<Replica> StartAsync(string name, string redis, string prefix, ContractStore contracts) =>
        new(await ServerProcess.StartAsync(name, redis, prefix), contracts);

    /// <summary>A fresh token of the shape every contract accepts (8 alphanumerics, a period, 32 hexadecimals).</summary>
    public static string NewToken(string hint) => $"{new string(hint.Where(char.IsAsciiLetterOrDigit).Concat("xxxxxxxx").Take(8).ToArray())}.{Guid.NewGuid():N}";

    /// <summary>The vendor's account request with <paramref name="token"/> where its security scheme wants it; the status and the body.</summary>
    public async Task<(int Status, JsonNode? Body)> AccountAsync(string vendor, string token)
    {
        var operation = _contracts.Current.Variant(vendor).Account;
        using var request = new HttpRequestMessage(HttpMethod.Get, operation.Path);
        var location = operation.Security[0][0];
        request.Headers.TryAddWithoutValidation(location.HeaderName, location.Kind == CredentialKind.Bearer ? $"Bearer {token}" : token);
        using var response = await Client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return ((int)response.StatusCode, text.Length == 0 || text[0] is not ('{' or '[') ? null : JsonNode.Parse(text));
    }

    public async Task<HttpResponseMessage> SwitchAsync(string vendor, string scenario) =>
        await Client.PutAsJsonAsync($"/__admin/scenarios/{vendor}/state", new { state = scenario });

    public async Task<HttpResponseMessage> BindAsync(string vendor, string token, string scenario) =>
        await Client.PutAsJsonAsync($"/__admin/vendors/{vendor}/tokens/{token}/scenario", new { scenario });

    public async Task<JsonNode> GetJsonAsync(string path) => (await Client.GetFromJsonAsync<JsonNode>(path))!;

    public static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Process.DisposeAsync();
    }
}
