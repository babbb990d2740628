using Bogus;
using Bogus.DataSets;

namespace MockAccounts.Core.Generation;

/// <summary>The Bogus generators a contract may name in a <c>faker</c> hint.</summary>
public static class FakerRegistry
{
    private static readonly Dictionary<string, Func<Faker, string>> Generators = new(StringComparer.Ordinal)
    {
        ["person.fullName"] = f => f.Name.FullName(),
        ["person.firstName"] = f => f.Name.FirstName(),
        ["person.lastName"] = f => f.Name.LastName(),
        ["internet.email"] = f => f.Internet.Email().ToLowerInvariant(),
        ["internet.userName"] = f => f.Internet.UserName(),
        ["internet.url"] = f => f.Internet.UrlWithPath("https"),
        ["company.name"] = CompanyName,
        ["company.slug"] = f => f.Internet.DomainWord(),
        ["phone.number"] = f => f.Phone.PhoneNumber("+1 ###-###-####"),
        ["address.street"] = f => f.Address.StreetAddress(),
        ["address.secondary"] = f => f.Address.SecondaryAddress(),
        ["address.city"] = f => f.Address.City(),
        ["address.state"] = f => f.Address.State(),
        ["address.stateAbbr"] = f => f.Address.StateAbbr(),
        ["address.zip"] = f => f.Address.ZipCode("#####"),
        ["address.countryCode"] = f => f.Address.CountryCode(Iso3166Format.Alpha2),
        ["finance.currencyCode"] = f => f.Finance.Currency().Code,
        ["lorem.word"] = f => f.Lorem.Word(),
        ["lorem.sentence"] = f => f.Lorem.Sentence(),
    };

    /// <summary>
    /// Bogus' <c>Company.CompanyName()</c>, value for value (a test holds the two equal over many seeds),
    /// built from its parts. Bogus fills the name's format through its reflection-based tokenizer, which took
    /// 3.5 to 8 µs a call against 0.3 to 0.5 µs here: a fifth of a new Runloop account's generation.
    /// </summary>
    /// <param name="faker">The seeded faker to draw from.</param>
    internal static string CompanyName(Faker faker) => faker.Random.Number(2) switch
    {
        0 => $"{faker.Name.LastName()} {faker.Company.CompanySuffix()}",
        1 => $"{faker.Name.LastName()} - {faker.Name.LastName()}",
        _ => $"{faker.Name.LastName()}, {faker.Name.LastName()} and {faker.Name.LastName()}",
    };

    /// <summary>The faker names a <c>faker</c> hint may use, e.g. <c>internet.email</c>.</summary>
    public static IReadOnlyCollection<string> Names => Generators.Keys;

    /// <summary>Whether a <c>faker</c> hint may name <paramref name="name"/>; used to reject contracts at load.</summary>
    /// <param name="name">A faker name such as <c>name.firstName</c>.</param>
    public static bool Exists(string name) => Generators.ContainsKey(name);

    /// <summary>A value from the named faker, drawn from <paramref name="faker"/>'s (seeded) randomness.</summary>
    /// <param name="name">A faker name that <see cref="Exists"/> accepts.</param>
    /// <param name="faker">The seeded Bogus faker to draw from.</param>
    public static string Generate(string name, Faker faker) => Generators[name](faker);
}
