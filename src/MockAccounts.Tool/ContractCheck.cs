using MockAccounts.Core.Loading;
using MockAccounts.Server.Hosting;

namespace MockAccounts.Tool;

/// <summary><c>mockaccounts check</c>: the server's start-up (options, then contracts loaded and proven), stopped before listening.</summary>
internal static class ContractCheck
{
    public static async Task<int> RunAsync(IReadOnlyList<string> folders, TextWriter output, TextWriter errors, CancellationToken cancellationToken)
    {
        var roots = folders.Select(Path.GetFullPath).ToArray();
        var options = new MockAccountsOptions { Contracts = roots[0], ExtraContracts = roots[1..], HotReload = false };
        try
        {
            options.ThrowIfInvalid();
            using var runtime = await MockAccountsRuntime.CreateAsync(options, cancellationToken).ConfigureAwait(false);
            var set = runtime.Contracts.Current.Contracts;
            foreach (var conflict in set.RouteConflicts)
            {
                await errors.WriteLineAsync($"warning: root path conflict: {conflict}").ConfigureAwait(false);
            }

            var vendors = string.Join(", ", set.Vendors.Values.Select(v => $"{v.Name} ({string.Join(", ", v.Variants.Keys)})"));
            await output.WriteLineAsync($"ok: {set.Vendors.Count} vendor(s) in {string.Join(", ", roots)}: {vendors}").ConfigureAwait(false);
            return 0;
        }
        catch (MockAccountsOptionsException e)
        {
            await errors.WriteLineAsync(e.Message).ConfigureAwait(false);
            return 2;
        }
        catch (ContractLoadException e)
        {
            await errors.WriteLineAsync(e.Message).ConfigureAwait(false);
            return 1;
        }
    }
}
