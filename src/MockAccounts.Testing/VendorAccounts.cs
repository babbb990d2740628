using MockAccounts.Core.Contracts;
using MockAccounts.Core.Generation;
using MockAccounts.Core.Runtime;

namespace MockAccounts.Testing;

/// <summary>Creates isolated accounts of one vendor: each a fresh token bound to its own scenario.</summary>
public sealed class VendorAccounts
{
    private readonly MockAccountsAdminClient _admin;
    private readonly ContractStore _contracts;
    private readonly MockPipeline _pipeline;

    internal VendorAccounts(string name, MockAccountsAdminClient admin, ContractStore contracts, MockPipeline pipeline)
    {
        Name = name;
        _admin = admin;
        _contracts = contracts;
        _pipeline = pipeline;
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
    public async Task<MockAccount> CreateAccountAsync(string? scenario, Variation? variation, CancellationToken cancellationToken = default)
    {
        var variant = _pipeline.VariantOf(_contracts.Current.Contracts.Find(Name)!);
        var credential = variant.Account.Security.FirstOrDefault(s => s.Count > 0)?[0]
            ?? throw new InvalidOperationException($"'{Name}''s account operation ({variant.Account.Display}) takes no credentials, so its accounts cannot be told apart: switch the vendor's scenario instead");
        // A token of the shape the vendor documents, so format checks pass as they would for a real key (basic: an encoded user:password).
        var token = credential.Format?.NewCredential()
            ?? (credential.Kind == CredentialKind.Basic ? Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{Name}:{Guid.NewGuid():N}")) : $"{Name}_{Guid.NewGuid():N}");
        var chosen = scenario ?? variant.Catalogue.Default.Name;
        await _admin.BindTokenAsync(Name, token, chosen, cancellationToken).ConfigureAwait(false);
        if (variation is { } own)
        {
            await _admin.SetTokenVariationAsync(Name, token, own, cancellationToken).ConfigureAwait(false);
        }

        var account = await _admin.GetAccountAsync(Name, token, cancellationToken).ConfigureAwait(false);
        return new MockAccount(Name, token, account.Scenario, account.Status, account.Body, credential);
    }
}
