using System.Net.Http.Json;
using System.Text.Json.Nodes;
using FluentAssertions;

namespace MockAccounts.Server.Tests;

/// <summary>
/// A seeded, bounded fuzz run against vendor and admin endpoints: never a 5xx unless the request
/// asked for a failing scenario, never a crash, and state and journal intact afterwards.
/// MOCKACCOUNTS_FUZZ_CASES raises the count for a longer run.
/// </summary>
public sealed class FuzzTests
{
    private const int Seed = 20261122;

    private static int CaseCount => int.TryParse(Environment.GetEnvironmentVariable("MOCKACCOUNTS_FUZZ_CASES"), out var n) ? n : 3000;

    [Test]
    public async Task Random_requests_never_break_the_server_or_its_state()
    {
        // The matching budget is wall-clock time: on a starved machine the attack mappings' first matches (before each
        // pattern moves to the linear engine) can outlast the default second, and the run would see the budget's own 500
        // (held by its own tests) instead of the patterns matched. A broken fallback still spends this budget, and fails.
        await using var server = await RunningServer.StartAsync(null, "--MockAccounts:Mappings:MatchBudget=00:00:20");
        (await server.Client.PutAsJsonAsync("/__admin/scenarios/runloop/state", new { state = "trial" })).EnsureSuccessStatusCode();
        await Calls.BindAsync(server, "depicta", "canary", "two-factor");
        foreach (var mapping in FuzzCases.AttackMappings)
        {
            (await server.Client.PostAsync("/__admin/mappings", Calls.Json(mapping))).EnsureSuccessStatusCode();
        }

        (await server.Client.DeleteAsync("/__admin/requests")).EnsureSuccessStatusCode();
        using var raw = new HttpClient { BaseAddress = server.Address, Timeout = TimeSpan.FromSeconds(30) };
        var cases = new FuzzCases(Seed, server);
        var problems = new List<string>();
        var vendorRequests = 0;
        var serverErrors = 0;
        var oversizedCut = 0;
        var kestrelRefusals = 0;

        FuzzCase? previous = null;
        var seeds = FuzzCases.Seeds().ToArray();
        for (var i = 0; i < seeds.Length + CaseCount; i++)
        {
            var fuzz = i < seeds.Length ? seeds[i] : cases.Next();
            var before = previous;
            previous = fuzz;
            using var request = new HttpRequestMessage(new HttpMethod(fuzz.Method), fuzz.Target);
            if (fuzz.Body is not null)
            {
                request.Content = new ByteArrayContent(fuzz.Body);
            }

            foreach (var (name, value) in fuzz.Headers)
            {
                if (name == "X-Fuzz-Content-Type")
                {
                    request.Content?.Headers.TryAddWithoutValidation("Content-Type", value);
                }
                else
                {
                    request.Headers.TryAddWithoutValidation(name, value);
                }
            }

            try
            {
                using var response = await raw.SendAsync(request);
                var status = (int)response.StatusCode;

                // Kestrel's own refusals (bad target, 414, 431) never reach the app; every app answer has a type or is a 204.
                var answeredByApp = response.Content.Headers.ContentType is not null || status == 204;
                vendorRequests += !fuzz.IsAdmin && answeredByApp ? 1 : 0;
                kestrelRefusals += answeredByApp ? 0 : 1;
                serverErrors += status >= 500 ? 1 : 0;
                if (status >= 500 && !fuzz.AllowsServerError)
                {
                    problems.Add($"#{i} {status}: {fuzz} -> {await response.Content.ReadAsStringAsync()}");
                }

                if (status >= 500 && response.Content.Headers.ContentType is null)
                {
                    // Whatever fails answers a problem naming the cause (or the vendor's own error body), never an empty 500.
                    problems.Add($"#{i} an empty {status}: {fuzz}");
                }
            }
            catch (HttpRequestException e) when (!fuzz.MayLoseConnection)
            {
                problems.Add($"#{i} connection failed: {fuzz} -> {e.Message} {e.InnerException?.Message} (after {before})");
            }
            catch (HttpRequestException)
            {
                // The server may have journaled its 413 before the client noticed the close.
                oversizedCut += fuzz.IsAdmin ? 0 : 1;
            }
        }

        TestContext.Out.WriteLine($"{seeds.Length} attack seeds and {CaseCount} fuzz cases, {vendorRequests} answered on vendor paths, {serverErrors} 5xx (all asked for), {oversizedCut} oversized uploads cut, {kestrelRefusals} refused by Kestrel, {problems.Count} problems");
        problems.Should().BeEmpty();

        var scenarios = await server.Client.GetFromJsonAsync<JsonNode>("/__admin/scenarios");
        scenarios!["scenarios"]!.AsArray().Single(s => s!["id"]!.GetValue<string>() == "runloop")!["state"]!.GetValue<string>().Should().Be("trial");
        (await server.Client.GetFromJsonAsync<JsonNode>("/__admin/vendors/depicta/tokens/canary/account"))!["scenario"]!.GetValue<string>().Should().Be("two-factor");
        var journal = await server.Client.GetFromJsonAsync<JsonNode>("/__admin/requests");
        journal!["meta"]!["total"]!.GetValue<int>().Should().BeInRange(vendorRequests, vendorRequests + oversizedCut, "every non-admin request the app answered is journaled, and nothing else");
        (await server.Client.GetFromJsonAsync<JsonNode>("/__admin/health"))!["status"]!.GetValue<string>().Should().Be("healthy");
        (await Calls.SendAsync(server.Client, Calls.Account(server, "runloop", "after-fuzz"))).Body!["tier"]!.GetValue<string>().Should().Be("ACCOUNT_TIER_TRIAL");
    }
}
