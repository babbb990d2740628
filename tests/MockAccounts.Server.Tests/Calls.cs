using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using FluentAssertions;
using MockAccounts.Core.Contracts;

namespace MockAccounts.Server.Tests;

/// <summary>Small request helpers shared by the server tests.</summary>
internal static class Calls
{
    /// <summary>A fresh token of the shape every contract accepts (Ultravox documents 8 alphanumerics, a period, 32 alphanumerics).</summary>
    public static string NewToken(string hint) => $"{new string(hint.Where(char.IsAsciiLetterOrDigit).Concat("xxxxxxxx").Take(8).ToArray())}.{Guid.NewGuid():N}";

    /// <summary>The vendor's account request, with the token where its security scheme wants it.</summary>
    public static HttpRequestMessage Account(RunningServer server, string vendor, string? token, string? prefix = null)
    {
        var variant = server.Contracts.Current.Variant(vendor);
        var request = new HttpRequestMessage(HttpMethod.Get, (prefix ?? "") + variant.Account.Path);
        if (token is not null)
        {
            Authorize(request, variant.Account, token);
        }

        return request;
    }

    public static void Authorize(HttpRequestMessage request, OperationContract operation, string token)
    {
        var location = operation.Security[0][0];
        request.Headers.TryAddWithoutValidation(location.HeaderName, location.Kind == CredentialKind.Bearer ? $"Bearer {token}" : token);
    }

    public static async Task BindAsync(RunningServer server, string vendor, string token, string scenario)
    {
        using var response = await server.Client.PutAsJsonAsync($"/__admin/vendors/{vendor}/tokens/{token}/scenario", new { scenario });
        response.EnsureSuccessStatusCode();
    }

    public static async Task<(int Status, JsonNode? Body, HttpResponseMessage Response)> SendAsync(HttpClient client, HttpRequestMessage request)
    {
        var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return ((int)response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text), response);
    }

    public static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    public static async Task<JsonNode> ProblemAsync(HttpResponseMessage response, int status)
    {
        ((int)response.StatusCode).Should().Be(status, await response.Content.ReadAsStringAsync());
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }
}
