using FluentAssertions;
using MockAccounts.Core.Contracts;

namespace MockAccounts.WireMockNet.Tests;

/// <summary>An account's token goes where its vendor reads it, the query included, as the fixture's accounts do.</summary>
[Parallelizable(ParallelScope.All)]
public sealed class VendorAccountTests
{
    private static readonly VendorAccount QueryKeyAccount =
        new("quill", "ql-key 1", "default", 200, null, new CredentialLocation(CredentialKind.ApiKeyQuery, "api_key"));

    [Test]
    public void A_query_key_is_added_to_the_address_escaped_after_its_own_parameters()
    {
        QueryKeyAccount.Authorize(new Uri("/v1/me?page=2", UriKind.Relative)).OriginalString.Should().Be("/v1/me?page=2&api_key=ql-key%201");
        QueryKeyAccount.Authorize(new Uri("http://127.0.0.1:9/v1/me")).OriginalString.Should().Be("http://127.0.0.1:9/v1/me?api_key=ql-key%201");
    }

    [Test]
    public void A_query_key_put_in_headers_is_refused_naming_the_way_to_send_it()
    {
        using var request = new HttpRequestMessage();

        var put = () => QueryKeyAccount.Authorize(request.Headers);

        put.Should().Throw<InvalidOperationException>().WithMessage("*query (?api_key=…)*Authorize(uri)*");
    }

    [Test]
    public void A_header_credential_leaves_the_address_as_it_is()
    {
        var bearer = QueryKeyAccount with { Credential = new CredentialLocation(CredentialKind.Bearer, "Authorization") };

        bearer.Authorize(new Uri("/v1/me", UriKind.Relative)).OriginalString.Should().Be("/v1/me");
    }
}
