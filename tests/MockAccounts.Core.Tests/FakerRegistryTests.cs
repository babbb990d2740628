using FluentAssertions;
using MockAccounts.Core.Generation;
using NUnit.Framework;

namespace MockAccounts.Core.Tests;

/// <summary>The faker hints' values, where we build one ourselves instead of asking Bogus.</summary>
public sealed class FakerRegistryTests
{
    [Test]
    public void A_company_name_is_the_one_bogus_draws_from_the_same_seed()
    {
        var ours = new Bogus.Faker("en");
        var bogus = new Bogus.Faker("en");
        var formats = new HashSet<int>();

        for (ulong seed = 0; seed < 20_000; seed++)
        {
            ours.Random = new FieldRandomizer(seed);
            bogus.Random = new FieldRandomizer(seed);
            var name = FakerRegistry.CompanyName(ours);

            name.Should().Be(bogus.Company.CompanyName(), $"seed {seed}");
            formats.Add(name.Contains(" and ", StringComparison.Ordinal) ? 2 : name.Contains(" - ", StringComparison.Ordinal) ? 1 : 0);
        }

        formats.Should().BeEquivalentTo([0, 1, 2], "every one of Bogus' three formats is compared");
    }
}
