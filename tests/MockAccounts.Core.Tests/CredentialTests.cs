using FluentAssertions;
using MockAccounts.Core.Contracts;

namespace MockAccounts.Core.Tests;

public sealed class CredentialTests
{
    private static CredentialResult Check(string vendor, params (string Name, string Value)[] headers) =>
        CredentialChecker.Check(Contracts.Engine.Variant(vendor).Account,
            name => headers.FirstOrDefault(h => string.Equals(h.Name, name, StringComparison.OrdinalIgnoreCase)).Value);

    [TestCase("runloop")]
    [TestCase("opterius")]
    [TestCase("depicta")]
    public void Bearer_vendors_take_the_token_after_the_scheme(string vendor)
    {
        Check(vendor, ("Authorization", "Bearer tok_123")).Token.Should().Be("tok_123");
        Check(vendor, ("authorization", "bearer   tok_123 ")).Token.Should().Be("tok_123", "the scheme is case-insensitive");
    }

    [TestCase("runloop", "", "missing Authorization header")]
    [TestCase("runloop", "Basic dXNlcjpwYXNz", "not of the form 'Bearer <token>'")]
    [TestCase("depicta", "Bearer ", "not of the form 'Bearer <token>'")]
    [TestCase("depicta", "Bearer a b", "malformed bearer token")]
    public void Missing_or_malformed_bearer_credentials_are_refused_with_a_reason(string vendor, string value, string problem)
    {
        var result = Check(vendor, ("Authorization", value));

        result.IsValid.Should().BeFalse();
        result.Problem.Should().Contain(problem);
    }

    [Test]
    public void Ultravox_takes_either_api_key_header_and_ignores_bearer()
    {
        Check("ultravox", ("X-API-Key", "abcd1234.0123456789abcdef0123456789abcdef")).Token.Should().StartWith("abcd1234.");
        Check("ultravox", ("X-Unsafe-API-Key", "unsafe.key")).Token.Should().Be("unsafe.key");
        Check("ultravox", ("Authorization", "Bearer tok")).IsValid.Should().BeFalse();
    }
}
