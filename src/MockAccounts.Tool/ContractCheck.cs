using Microsoft.Extensions.DependencyInjection;
using MockAccounts.Core.Runtime;

namespace MockAccounts.Tool;

/// <summary><c>mockaccounts check</c>: the server's start-up (options, then contracts loaded and proven) on a server that never listens.</summary>
internal static class ContractCheck
{
    private const string SchemasFolder = "schemas";

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
            foreach (var hint in folders.Select(ContractFolderAbove).OfType<string>())
            {
                await errors.WriteLineAsync(hint).ConfigureAwait(false);
            }

            return exit;
        }

        await using (host.ConfigureAwait(false))
        {
            var set = host.Services.GetRequiredService<ContractStore>().Current.Contracts;
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
            await host.StopAsync(cancellationToken).ConfigureAwait(false);
            return 0;
        }
    }

    /// <summary>
    /// For a folder inside a contract folder (its <c>schemas/</c>, a vendor's folder), the hint to check the
    /// nearest folder above that holds <c>schemas/</c>, written as the user wrote the path; null when there is none.
    /// </summary>
    private static string? ContractFolderAbove(string folder)
    {
        var full = Path.GetFullPath(folder);
        if (!Directory.Exists(full) || Directory.Exists(Path.Combine(full, SchemasFolder)))
        {
            return null;
        }

        for (var above = Directory.GetParent(full); above is not null; above = above.Parent)
        {
            if (Directory.Exists(Path.Combine(above.FullName, SchemasFolder)))
            {
                var suggested = Path.IsPathRooted(folder) ? above.FullName : Path.GetRelativePath(Environment.CurrentDirectory, above.FullName);
                return $"hint: '{folder}' holds no {SchemasFolder}/ folder, but '{suggested}' above it does: mockaccounts check {suggested}";
            }
        }

        return null;
    }
}
