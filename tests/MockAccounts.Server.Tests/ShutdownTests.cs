using System.Diagnostics;
using FluentAssertions;

namespace MockAccounts.Server.Tests;

/// <summary>On stop, requests in flight finish and new ones are refused.</summary>
public sealed class ShutdownTests
{
    [Test]
    public async Task In_flight_requests_finish_and_new_ones_are_refused()
    {
        var server = await RunningServer.StartAsync(Repository.TestData("loose-action"));
        using var client = new HttpClient { BaseAddress = server.Address };
        HttpRequestMessage Slow()
        {
            var request = new HttpRequestMessage(HttpMethod.Get, "/v1/me");
            request.Headers.TryAddWithoutValidation("Authorization", "Bearer t");
            request.Headers.TryAddWithoutValidation("Prefer", "scenario=unhurried");
            return request;
        }

        var inFlight = Enumerable.Range(0, 10).Select(_ => client.SendAsync(Slow())).ToArray();

        // Half the scenario's delay: the requests are surely in the server, and finish inside the 1 s shutdown window.
        await Task.Delay(400);
        var clock = Stopwatch.StartNew();
        var stopping = server.DisposeAsync().AsTask();
        await Task.Delay(50);
        var late = async () =>
        {
            using var fresh = new HttpClient { BaseAddress = server.Address };
            return await fresh.SendAsync(Slow());
        };

        await late.Should().ThrowAsync<HttpRequestException>("a stopping server takes no new connections");
        (await Task.WhenAll(inFlight)).Should().OnlyContain(r => r.IsSuccessStatusCode, "requests already in flight finish");
        await stopping;
        TestContext.Out.WriteLine($"stopped {clock.ElapsedMilliseconds} ms after the stop signal");
    }
}
