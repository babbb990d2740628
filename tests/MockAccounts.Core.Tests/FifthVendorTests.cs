using System.Text.Json.Nodes;
using FluentAssertions;
using MockAccounts.Core.Loading;

namespace MockAccounts.Core.Tests;

/// <summary>A vendor defined only by two data files loads and answers: a vendor is data, not C#.</summary>
public sealed class FifthVendorTests
{
    [Test]
    public async Task A_vendor_made_of_two_files_loads_and_produces_valid_responses()
    {
        var engine = await ContractSnapshot.LoadAsync(ContractSources.Under(Contracts.TestData("fifth-vendor")), Contracts.Options);
        var acme = engine.Variant("acme");

        acme.Catalogue.Names.Should().Equal("free", "team", "unauthorized");
        acme.Account.Display.Should().Be("GET /v1/me");
        foreach (var scenario in acme.Catalogue.Names)
        {
            var response = engine.Respond("acme", "documented", "acme-token", scenario);
            MockAccounts.Core.Validation.ResponseValidator.Validate(acme.Account, response.Status, response.Headers, response.Body, independently: true).Should().BeEmpty(scenario);
        }

        var team = JsonNode.Parse(engine.Respond("acme", "documented", "acme-token", "team").Body)!;
        team["plan"]!.GetValue<string>().Should().Be("team");
        team["id"]!.GetValue<string>().Should().MatchRegex("^usr_[a-z]{8}[0-9]{8}$");
        engine.Contracts.Match("GET", "/v1/me")!.Vendor.Name.Should().Be("acme");
        engine.Contracts.Match("GET", "/acme/v1/me")!.Prefixed.Should().BeTrue();
    }
}
