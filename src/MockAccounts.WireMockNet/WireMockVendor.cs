using MockAccounts.Core.Contracts;
using MockAccounts.Core.Generation;
using MockAccounts.Core.Runtime;

namespace MockAccounts.WireMockNet;

/// <summary>
/// One vendor served on a WireMock.Net server: fresh accounts (each a new token bound to its own scenario) and
/// per-token bindings. The whole vendor switches through WireMock.Net itself: <c>server.SetScenarioState("runloop", "quota-reached")</c>.
/// </summary>
public sealed class WireMockVendor
{
    private readonly MockEngine _engine;

    internal WireMockVendor(string name, MockEngine engine)
    {
        Name = name;
        _engine = engine;
    }

    /// <summary>The vendor's name, which is also its WireMock.Net scenario's name.</summary>
    public string Name { get; }

    /// <summary>The scenarios of the variant the vendor serves now: the states its WireMock.Net scenario can be set to.</summary>
    public IReadOnlyList<string> Scenarios => _engine.Admin.CurrentVariant(Contract).Catalogue.Names.ToArray();

    private VendorContract Contract => _engine.Admin.FindVendor(Name).Value
        ?? throw new MockAccountsException($"The contracts no longer have a vendor '{Name}'.");

    // The fixture's two overloads, so a test reads the same on either host; RS0026 would allow only one with optional parameters.
#pragma warning disable RS0026
    /// <summary>A fresh token bound to <paramref name="scenario"/>, and the account it receives now.</summary>
    /// <param name="scenario">A scenario or sequence of the vendor (e.g. <c>Runloop.Scenarios.QuotaReached</c>); null for its default.</param>
    /// <param name="cancellationToken">Stops before anything is changed.</param>
    /// <exception cref="MockAccountsException">The vendor has no such scenario (the message lists them).</exception>
    public Task<VendorAccount> CreateAccountAsync(string? scenario = null, CancellationToken cancellationToken = default) =>
        CreateAccountAsync(scenario, null, cancellationToken);

    /// <summary>A fresh token bound to <paramref name="scenario"/> with its own variation, and the account its next request receives.</summary>
    /// <param name="scenario">A scenario or sequence of the vendor; null for its default.</param>
    /// <param name="variation">The account's own variation (<see cref="Variation.Edges"/>: its requests walk the contract's edges); null for the vendor's.</param>
    /// <param name="cancellationToken">Stops before anything is changed.</param>
    /// <exception cref="MockAccountsException">The vendor has no such scenario (the message lists them).</exception>
    public async Task<VendorAccount> CreateAccountAsync(string? scenario, Variation? variation, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var created = await _engine.Admin.CreateAccountAsync(Contract, scenario, variation).ConfigureAwait(false);
        var account = created.Value ?? throw new MockAccountsException(created.Problem!);
        return new VendorAccount(Name, account.Token, account.Scenario, account.Response.Status, account.ParseBody(), account.Credential);
    }
#pragma warning restore RS0026

    /// <summary>Binds a scenario to one token (any token of the vendor's shape, e.g. one your code already uses); it starts over.</summary>
    /// <param name="token">The credential, exactly as the client sends it.</param>
    /// <param name="scenario">A scenario or sequence of the token's variant.</param>
    /// <param name="cancellationToken">Stops before anything is changed.</param>
    /// <exception cref="MockAccountsException">An empty token, or a scenario the vendor lacks (the message lists them).</exception>
    public async Task BindTokenAsync(string token, string scenario, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (await _engine.Admin.BindTokenAsync(Contract, token, scenario).ConfigureAwait(false) is { } problem)
        {
            throw new MockAccountsException(problem);
        }
    }

    /// <summary>The token follows the vendor's scenario again.</summary>
    /// <param name="token">The credential.</param>
    /// <param name="cancellationToken">Stops before anything is changed.</param>
    /// <exception cref="MockAccountsException">The token had no scenario of its own.</exception>
    public async Task UnbindTokenAsync(string token, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (await _engine.Admin.UnbindTokenAsync(Contract, token).ConfigureAwait(false) is { } problem)
        {
            throw new MockAccountsException(problem);
        }
    }

    /// <summary>Serves one token another variant of the vendor (e.g. Opterius' observed <c>v2.7.0</c>).</summary>
    /// <param name="token">The credential.</param>
    /// <param name="variant">A variant of the vendor.</param>
    /// <param name="cancellationToken">Stops before anything is changed.</param>
    /// <exception cref="MockAccountsException">The vendor has no such variant (the message lists them).</exception>
    public async Task SetTokenVariantAsync(string token, string variant, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (await _engine.Admin.SetTokenVariantAsync(Contract, token, variant).ConfigureAwait(false) is { } problem)
        {
            throw new MockAccountsException(problem);
        }
    }
}
