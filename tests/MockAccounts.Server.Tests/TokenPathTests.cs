using System.Net.Http.Json;
using System.Text.Json.Nodes;
using FluentAssertions;

namespace MockAccounts.Server.Tests;

/// <summary>Tokens with characters that need path encoding reach the admin API as the client meant them.</summary>
[Parallelizable(ParallelScope.All)]
public sealed class TokenPathTests
{
    private static RunningServer Server => SharedServer.Instance;

    private static async Task<string> AccountStatusAsync(string token) =>
        (await Calls.SendAsync(Server.Client, Calls.Account(Server, "runloop", token))).Body!["account_status"]!.GetValue<string>();

    [TestCase("rl_{0}/b", "rl_{0}%2Fb")]
    [TestCase("rl_{0}/b+c==", "rl_{0}%2Fb%2Bc%3D%3D")]
    [TestCase("rl_{0}%2Fb", "rl_{0}%252Fb")]
    public async Task A_token_bound_through_its_encoded_path_is_the_token_the_vendor_sees(string tokenFormat, string pathFormat)
    {
        var unique = Guid.NewGuid().ToString("N")[..8];
        var token = string.Format(System.Globalization.CultureInfo.InvariantCulture, tokenFormat, unique);
        var segment = string.Format(System.Globalization.CultureInfo.InvariantCulture, pathFormat, unique);

        using var bound = await Server.Client.PutAsJsonAsync($"/__admin/vendors/runloop/tokens/{segment}/scenario", new { scenario = "quota-reached" });

        bound.EnsureSuccessStatusCode();
        (await bound.Content.ReadFromJsonAsync<JsonNode>())!["token"]!.GetValue<string>().Should().Be(token, "the path is decoded exactly once");
        (await AccountStatusAsync(token)).Should().Be("ACCOUNT_STATUS_DISABLED_QUOTA_REACHED");
        var account = await Server.Client.GetFromJsonAsync<JsonNode>($"/__admin/vendors/runloop/tokens/{segment}/account");
        account!["scenario"]!.GetValue<string>().Should().Be("quota-reached");
        (await Server.Client.DeleteAsync($"/__admin/vendors/runloop/tokens/{segment}/scenario")).StatusCode.Should().Be(System.Net.HttpStatusCode.NoContent);
        (await AccountStatusAsync(token)).Should().NotBe("ACCOUNT_STATUS_DISABLED_QUOTA_REACHED");
    }

    [Test]
    public async Task A_token_bound_through_the_body_form_needs_no_path_encoding()
    {
        var token = $"rl_{Guid.NewGuid():N}/x+y==";

        using var bound = await Server.Client.PostAsJsonAsync("/__admin/vendors/runloop/tokens", new { token, scenario = "quota-reached" });

        bound.EnsureSuccessStatusCode();
        var binding = await bound.Content.ReadFromJsonAsync<JsonNode>();
        binding!["token"]!.GetValue<string>().Should().Be(token);
        binding["scenario"]!.GetValue<string>().Should().Be("quota-reached");
        (await AccountStatusAsync(token)).Should().Be("ACCOUNT_STATUS_DISABLED_QUOTA_REACHED");
    }

    [Test]
    public async Task The_body_form_refuses_a_missing_token_naming_the_field()
    {
        using var refused = await Server.Client.PostAsJsonAsync("/__admin/vendors/runloop/tokens", new { scenario = "quota-reached" });

        (await Calls.ProblemAsync(refused, 400))["detail"]!.GetValue<string>().Should().Contain("token");
    }
}
