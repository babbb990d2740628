using MockAccounts.AspNetCore.Hosting;

namespace MockAccounts.Tool;

/// <summary><c>mockaccounts check</c>: the server's start-up (options, then contracts loaded and proven), stopped before listening.</summary>
internal static class ContractCheck
{
    public static async Task<int> RunAsync(IReadOnlyList<string> folders, TextWriter output, TextWriter errors, CancellationToken cancellationToken)
    {
        var roots = folders.Select(Path.GetFullPath).ToArray();
        var (runtime, exit) = await StartUp.LoadAsync(new MockAccountsOptions { Contracts = roots[0], ExtraContracts = roots[1..], HotReload = false }, errors, cancellationToken).ConfigureAwait(false);
        if (runtime is null)
        {
            return exit;
        }

        using (runtime)
        {
            var set = runtime.Contracts.Current.Contracts;
            foreach (var conflict in set.RouteConflicts)
            {
                await errors.WriteLineAsync($"warning: root path conflict: {conflict}").ConfigureAwait(false);
            }

            foreach (var warning in set.Vendors.Values.SelectMany(v => v.Variants.Values).SelectMany(v => v.Warnings))
            {
                await errors.WriteLineAsync($"warning: {warning}").ConfigureAwait(false);
            }

            var vendors = string.Join(", ", set.Vendors.Values.Select(v => $"{v.Name} ({string.Join(", ", v.Variants.Keys)})"));
            await output.WriteLineAsync($"ok: {set.Vendors.Count} vendor(s) in {string.Join(", ", roots)}: {vendors}").ConfigureAwait(false);
            return 0;
        }
    }
}
