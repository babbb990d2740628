using System.Net;
using System.Text.Json.Nodes;
using FluentAssertions;

namespace MockAccounts.Testing.Tests;

/// <summary>A vendor's published spec in a team's contract folder works with the fixture as our own vendors do.</summary>
[Parallelizable(ParallelScope.All)]
[CancelAfter(60_000)]
public sealed class PublishedSpecFixtureTests
{
    [Test]
    public async Task An_account_of_a_published_spec_is_bound_to_a_derived_scenario_and_authorized_as_its_scheme_says()
    {
        var team = Path.Combine(Path.GetTempPath(), "mockaccounts-tests", "fixture-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(team, "schemas", "petstore"));
        File.Copy(Path.Combine(Repository.Root, "tests", "published-specs", "schemas", "petstore", "openapi.yaml"), Path.Combine(team, "schemas", "petstore", "openapi.yaml"));
        await using var mock = await MockAccountsServer.StartAsync(o => o.ExtraContracts = [team]);

        var found = await mock.Vendor("petstore").CreateAccountAsync();
        var missing = await mock.Vendor("petstore").CreateAccountAsync("400");
        using var http = new HttpClient(mock.CreateHandler()) { BaseAddress = mock.BaseAddress };
        missing.Authorize(http.DefaultRequestHeaders);
        using var response = await http.GetAsync(new Uri("/api/v3/pet/findByStatus?status=available", UriKind.Relative));

        found.Status.Should().Be(200);
        found.Body.Should().BeOfType<JsonArray>();
        found.Credential.HeaderName.Should().Be("Authorization", "the account operation's first scheme is petstore_auth (oauth2: a bearer token)");
        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }
}
