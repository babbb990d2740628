using MockAccounts.Core.Loading;
using MockAccounts.Core.Runtime;
using WireMock.Server;

namespace MockAccounts.WireMockNet;

/// <summary>MockAccounts on a WireMock.Net server you already run.</summary>
public static class WireMockServerExtensions
{
    /// <summary>
    /// Loads and proves the vendor contracts (the built-in ones beside your tests, plus <see cref="MockEngineOptions.ExtraContracts"/>),
    /// then registers every vendor operation on <paramref name="server"/>, answered by the MockAccounts engine: same contracts,
    /// scenarios, tokens, sequences, edges and validation as MockAccounts' own host. Asynchronous because the load is.
    /// </summary>
    /// <param name="server">A started WireMock.Net server; your own mappings on it keep working and answer first.</param>
    /// <param name="configure">Adjusts the options; every one not set keeps MockAccounts' default.</param>
    /// <param name="cancellationToken">Stops a load that takes too long.</param>
    /// <returns>The vendors and their typed operations; dispose it to remove the mappings.</returns>
    /// <exception cref="MockOptionsException">An option is out of range, or names a vendor or variant the contracts lack; the message names it.</exception>
    /// <exception cref="ContractLoadException">A contract is broken; the message names file, JSON pointer and expectation.</exception>
    public static async Task<MockAccountsOnWireMock> AddMockAccountsAsync(this WireMockServer server, Action<MockAccountsWireMockOptions>? configure = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(server);
        var options = new MockAccountsWireMockOptions();
        configure?.Invoke(options);
        if (options.Problems() is { Count: > 0 } problems)
        {
            throw new MockOptionsException(problems);
        }

        var engine = await MockEngine.LoadAsync(options, options.TimeProvider, ProofCache.Default, cancellationToken).ConfigureAwait(false);
        return new MockAccountsOnWireMock(server, engine, options);
    }
}
