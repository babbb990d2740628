using FluentAssertions;
using MockAccounts.Core.Contracts;

namespace MockAccounts.Core.Tests;

public sealed class CredentialTests
{
    private const string UltravoxKey = "abcd1234.0123456789abcdef0123456789abcdef";

    private static CredentialResult Check(string vendor, params (string Name, string Value)[] headers) => CheckVariant(vendor, "documented", true, headers);

    private static CredentialResult CheckVariant(string vendor, string variant, bool checkFormat, params (string Name, string Value)[] headers) =>
        CredentialChecker.Check(Contracts.Engine.Variant(vendor, variant).Account,
            name => headers.FirstOrDefault(h => string.Equals(h.Name, name, StringComparison.OrdinalIgnoreCase)).Value, checkFormat);

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
        Check("ultravox", ("X-API-Key", UltravoxKey)).Token.Should().StartWith("abcd1234.");
        Check("ultravox", ("X-Unsafe-API-Key", UltravoxKey)).Token.Should().Be(UltravoxKey);
        Check("ultravox", ("Authorization", "Bearer tok")).IsValid.Should().BeFalse();
    }

    [TestCase("unsafe.key")]
    [TestCase("abcd1234.0123456789abcdef0123456789abcde")]
    [TestCase("abcd123.0123456789abcdef0123456789abcdef0")]
    [TestCase("abcd1234_0123456789abcdef0123456789abcdef")]
    [TestCase("abcd1234.0123456789abcdef0123456789abcde!")]
    public void Ultravox_keys_without_the_documented_shape_are_malformed(string key)
    {
        var result = Check("ultravox", ("X-API-Key", key));

        result.IsValid.Should().BeFalse();
        result.Malformed.Should().BeTrue("the contract declares 8 alphanumerics, a period and 32 alphanumerics");
        result.Problem.Should().Contain("shape");
    }

    [Test]
    public void The_shape_check_can_be_turned_off()
    {
        CheckVariant("ultravox", "documented", checkFormat: false, ("X-API-Key", "unsafe.key")).Token.Should().Be("unsafe.key");
        CheckVariant("opterius", "v2.7.0", checkFormat: false, ("Authorization", "bearer tok")).Token.Should().Be("tok");
    }

    [Test]
    public void Opterius_v270_compares_the_bearer_prefix_case_sensitively()
    {
        CheckVariant("opterius", "v2.7.0", true, ("Authorization", "Bearer tok")).Token.Should().Be("tok");
        CheckVariant("opterius", "v2.7.0", true, ("Authorization", "bearer tok")).IsValid.Should().BeFalse("ApiTokenAuth.php checks the 'Bearer ' prefix byte for byte");
        Check("opterius", ("Authorization", "bearer tok")).Token.Should().Be("tok", "the documented contract says nothing of case: RFC 7235 schemes are case-insensitive");
    }

    [Test]
    public void A_declared_template_makes_credentials_the_pattern_accepts()
    {
        var format = Contracts.Engine.Variant("ultravox").Account.Security[0][0].Format!;

        Enumerable.Range(0, 20).Select(_ => format.NewCredential()!).Should().OnlyContain(k => format.Accepts(k) && k.Length == 41);
    }
}
