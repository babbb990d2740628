using MockAccounts.Server.Hosting;

namespace MockAccounts.Testing;

/// <summary>Creates isolated accounts of one vendor: each a fresh token bound to its own scenario.</summary>
public sealed class VendorAccounts
{
    private readonly MockAccountsAdminClient _admin;
    private readonly MockAccountsRuntime _runtime;

    internal VendorAccounts(string name, MockAccountsAdminClient admin, MockAccountsRuntime runtime)
    {
        Name = name;
        _admin = admin;
        _runtime = runtime;
    }

    /// <summary>The vendor's name.</summary>
    public string Name { get; }

    /// <summary>A fresh token bound to <paramref name="scenario"/>, and the account it receives now.</summary>
    /// <param name="scenario">A scenario or sequence of the vendor (e.g. <c>Runloop.Scenarios.QuotaReached</c>); null for its default.</param>
    /// <param name="cancellationToken">Cancels the admin calls.</param>
    public async Task<MockAccount> CreateAccountAsync(string? scenario = null, CancellationToken cancellationToken = default)
    {
        var variant = _runtime.Pipeline.VariantOf(_runtime.Contracts.Current.Contracts.Find(Name)!);
        var token = $"{Name}_{Guid.NewGuid():N}";
        var chosen = scenario ?? variant.Catalogue.Default.Name;
        await _admin.BindTokenAsync(Name, token, chosen, cancellationToken).ConfigureAwait(false);
        var account = await _admin.GetAccountAsync(Name, token, cancellationToken).ConfigureAwait(false);
        return new MockAccount(Name, token, account.Scenario, account.Status, account.Body, variant.Account.Security[0][0]);
    }
}
