using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using MockAccounts.AspNetCore.Admin;
using MockAccounts.Core;
using MockAccounts.Core.Runtime;

namespace MockAccounts.Tool;

/// <summary>
/// <c>mockaccounts list</c>: asks the admin API of an in-memory server (no socket), so the listing and
/// <c>--json</c> are exactly what <c>GET /__admin/vendors/{vendor}</c> says.
/// </summary>
internal static class VendorListing
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);
    // As the admin API writes it: quotes and accents readable in a terminal.
    private static readonly JsonSerializerOptions Indented = new(JsonSerializerDefaults.Web) { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static async Task<int> RunAsync(
        string? vendor, bool json, IReadOnlyList<string> contracts, IReadOnlyList<string> settings, TextWriter output, TextWriter errors, CancellationToken cancellationToken)
    {
        var extra = contracts.Select(Path.GetFullPath).ToArray();
        var (host, exit) = await StartUp.StartAsync(settings, options => options.ExtraContracts = [.. options.ExtraContracts, .. extra], errors, cancellationToken).ConfigureAwait(false);
        if (host is null)
        {
            return exit;
        }

        await using (host.ConfigureAwait(false))
        {
            using var http = host.GetTestClient();
            var names = host.Services.GetRequiredService<ContractStore>().Current.Contracts.Vendors.Keys.ToArray();
            if (vendor is not null && !names.Contains(vendor))
            {
                await errors.WriteLineAsync($"Unknown vendor '{vendor}' (vendors: {string.Join(", ", names)}).{ClosestName.DidYouMean(vendor, names)}").ConfigureAwait(false);
                return 1;
            }

            var described = new JsonArray();
            foreach (var name in vendor is null ? names : [vendor])
            {
                described.Add(await http.GetFromJsonAsync<JsonNode>($"/__admin/vendors/{Uri.EscapeDataString(name)}", cancellationToken).ConfigureAwait(false));
            }

            // With a vendor, --json is GET /__admin/vendors/{vendor}'s object itself; without, an array of them.
            await output.WriteLineAsync(!json ? Table(described.Deserialize<VendorDto[]>(Web)!)
                : vendor is null ? described.ToJsonString(Indented)
                : described[0]!.ToJsonString(Indented)).ConfigureAwait(false);
            await host.StopAsync(cancellationToken).ConfigureAwait(false);
            return 0;
        }
    }

    /// <summary>One row per scenario; '*' marks each variant's default.</summary>
    private static string Table(IEnumerable<VendorDto> vendors)
    {
        string[] header = ["VENDOR", "VARIANT", "SCENARIO", "STATUS", "DESCRIPTION"];
        var rows = vendors.SelectMany(v => v.Variants.SelectMany(variant => variant.Scenarios.Select(s => new[]
        {
            v.Name,
            variant.Name,
            s.Name + (s.Name == variant.DefaultScenario ? " *" : ""),
            string.Join(",", s.Answers) + (s.Sequence ? " (sequence)" : ""),
            s.Description,
        }))).ToList();
        var widths = Enumerable.Range(0, header.Length - 1).Select(i => rows.Select(r => r[i].Length).Append(header[i].Length).Max()).ToArray();
        var text = new StringBuilder();
        foreach (var row in rows.Prepend(header))
        {
            for (var i = 0; i < widths.Length; i++)
            {
                text.Append(row[i].PadRight(widths[i] + 2));
            }

            text.AppendLine(row[^1]);
        }

        return text.Append("* default scenario of its variant").ToString();
    }
}
