using MockAccounts.Core.Contracts;
using MockAccounts.Core.Generation;
using MockAccounts.Core.Runtime;

namespace MockAccounts.Testing;

/// <summary>Creates isolated accounts of one vendor: each a fresh token bound to its own scenario.</summary>
public sealed class VendorAccounts
{
    private readonly MockAdmin _admin;

    internal VendorAccounts(string name, MockAdmin admin)
    {
        Name = name;
        _admin = admin;
    }

    /// <summary>The vendor's name.</summary>
    public string Name { get; }

    /// <summary>A fresh token bound to <paramref name="scenario"/>, and the account it receives now.</summary>
    /// <param name="scenario">A scenario or sequence of the vendor (e.g. <c>Runloop.Scenarios.QuotaReached</c>); null for its default.</param>
    /// <param name="cancellationToken">Cancels the admin calls.</param>
    public Task<MockAccount> CreateAccountAsync(string? scenario = null, CancellationToken cancellationToken = default) =>
        CreateAccountAsync(scenario, null, cancellationToken);

    /// <summary>A fresh token bound to <paramref name="scenario"/> with its own variation, and the account its next request receives.</summary>
    /// <param name="scenario">A scenario or sequence of the vendor; null for its default.</param>
    /// <param name="variation">The account's own variation (<see cref="Variation.Edges"/>: its requests walk the contract's edges); null for the server's.</param>
    /// <param name="cancellationToken">Cancels the admin calls.</param>
    /// <exception cref="MockAccountsAdminException">The vendor has no such scenario (the message lists them).</exception>
    public async Task<MockAccount> CreateAccountAsync(string? scenario, Variation? variation, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var created = await _admin.CreateAccountAsync(_admin.FindVendor(Name).Value!, scenario, variation).ConfigureAwait(false);
        if (created.Problem is { } problem)
        {
            throw new MockAccountsAdminException(problem.Status, problem.ToJsonObject().ToJsonString());
        }

        var account = created.Value!;
        return new MockAccount(Name, account.Token, account.Scenario, account.Response.Status, account.ParseBody(), account.Credential);
    }
}
