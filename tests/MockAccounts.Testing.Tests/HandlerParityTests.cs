using FluentAssertions;
using MockAccounts.Core.Scenarios;

namespace MockAccounts.Testing.Tests;

/// <summary>The in-memory handler and the socket path give the same responses, step by step (slow scenarios on the fake clock).</summary>
[Parallelizable(ParallelScope.All)]
public sealed class HandlerParityTests
{
    private static IEnumerable<TestCaseData> Cases() =>
        ScenarioCases.All().Where(c => (string)c.Arguments[1]! == "documented");

    [TestCaseSource(nameof(Cases))]
    public async Task In_memory_and_socket_answer_alike(string vendor, string variant, string scenarioName)
    {
        var server = Mock.Server;
        var account = await server.Vendor(vendor).CreateAccountAsync(scenarioName);
        var scenario = (await server.Admin.GetVendorAsync(vendor)).Variants.Single(v => v.Name == variant).Scenarios.Single(s => s.Name == scenarioName);
        using var sockets = server.CreateClient(account);
        using var memory = new HttpClient(server.CreateHandler()) { BaseAddress = server.BaseAddress };
        account.Authorize(memory.DefaultRequestHeaders);
        var path = (await server.Admin.GetVendorAsync(vendor)).Variants[0].Endpoints[0].Split(' ')[1];

        for (var step = 0; step < scenario.Statuses.Count + 1; step++)
        {
            var viaSockets = await AnswerAsync(server, account, sockets, path, step);
            var viaMemory = await AnswerAsync(server, account, memory, path, step);
            viaMemory.Should().Be(viaSockets, $"step {step} of {scenarioName}");
        }
    }

    /// <summary>The answer to the request at <paramref name="step"/> of the sequence, from a fresh binding.</summary>
    private static async Task<string> AnswerAsync(MockAccountsServer server, MockAccount account, HttpClient client, string path, int step)
    {
        await server.Admin.BindTokenAsync(account.Vendor, account.Token, account.Scenario);
        string answer = "";
        for (var i = 0; i <= step; i++)
        {
            try
            {
                using var response = await Mock.AdvancingClockAsync(() => client.GetAsync(path));
                var headers = response.Headers.Concat(response.Content.Headers).Where(h => h.Key != "Date")
                    .OrderBy(h => h.Key, StringComparer.Ordinal).Select(h => $"{h.Key}={string.Join(",", h.Value)}");
                answer = $"{(int)response.StatusCode} {string.Join(";", headers)} {await response.Content.ReadAsStringAsync()}";
            }
            catch (Exception e) when (e is HttpRequestException or IOException or InvalidOperationException)
            {
                answer = "connection closed";
            }
        }

        return answer;
    }
}
