using Microsoft.Extensions.DependencyInjection;
using MockAccounts.Core.Runtime;

namespace MockAccounts.Tool;

/// <summary><c>mockaccounts check</c>: the server's start-up (options, then contracts loaded and proven) on a server that never listens.</summary>
internal static class ContractCheck
{
    public static async Task<int> RunAsync(IReadOnlyList<string> folders, IReadOnlyList<string> settings, TextWriter output, TextWriter errors, CancellationToken cancellationToken)
    {
        var roots = folders.Select(Path.GetFullPath).ToArray();
        var (host, exit) = await StartUp.StartAsync(settings, options =>
        {
            options.Contracts = roots[0];
            options.ExtraContracts = roots[1..];
        }, errors, cancellationToken).ConfigureAwait(false);
        if (host is null)
        {
            return exit;
        }

        await using (host.ConfigureAwait(false))
        {
            var set = host.Services.GetRequiredService<ContractStore>().Current.Contracts;
            foreach (var conflict in set.RouteConflicts)
            {
                await errors.WriteLineAsync($"warning: root path conflict: {conflict}").ConfigureAwait(false);
            }

            var vendors = string.Join(", ", set.Vendors.Values.Select(v => $"{v.Name} ({string.Join(", ", v.Variants.Keys)})"));
            await output.WriteLineAsync($"ok: {set.Vendors.Count} vendor(s) in {string.Join(", ", roots)}: {vendors}").ConfigureAwait(false);
            await host.StopAsync(cancellationToken).ConfigureAwait(false);
            return 0;
        }
    }
}
