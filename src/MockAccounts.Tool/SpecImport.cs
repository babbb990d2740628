using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using MockAccounts.AspNetCore.Hosting;
using MockAccounts.Core.Contracts;
using MockAccounts.Core.Runtime;

namespace MockAccounts.Tool;

/// <summary>
/// <c>mockaccounts import FILE --vendor NAME --out DIR</c>: a vendor's published OpenAPI document copied unchanged
/// into a contract folder (with the files its references bring in), a starter catalogue listing the scenarios it
/// derives, the folder checked as start-up checks it, and what will be served printed. A failure leaves nothing behind.
/// </summary>
internal static partial class SpecImport
{
    private static readonly JsonSerializerOptions Written = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static async Task<int> RunAsync(string file, string vendor, string outFolder, TextWriter output, TextWriter errors, CancellationToken cancellationToken)
    {
        var spec = Path.GetFullPath(file);
        var root = Path.GetFullPath(outFolder);
        var extension = Path.GetExtension(spec).ToLowerInvariant();
        var problem = !File.Exists(spec) ? $"'{file}' does not exist"
            : extension is not (".yaml" or ".yml" or ".json") ? $"'{file}' is not a .yaml, .yml or .json file"
            : !VendorName().IsMatch(vendor) ? $"--vendor '{vendor}' must be lower-case letters, digits, '.' and '-' (it names the folder and the /{vendor}/ prefix)"
            : Directory.Exists(Path.Combine(root, "schemas", vendor)) || Directory.Exists(Path.Combine(root, "mocks", vendor)) ? $"'{Path.Combine(root, "schemas", vendor)}' or its mocks/ folder already exists: choose another --vendor or --out"
            : null;
        if (problem is not null)
        {
            await errors.WriteLineAsync(problem).ConfigureAwait(false);
            return 2;
        }

        var schemaFolder = Path.Combine(root, "schemas", vendor);
        var mocksFolder = Path.Combine(root, "mocks", vendor);
        var written = new List<string>();
        try
        {
            var copied = await CopyAsync(spec, schemaFolder, extension, written, cancellationToken).ConfigureAwait(false);
            if (copied is not null)
            {
                await errors.WriteLineAsync(copied).ConfigureAwait(false);
                Remove(written, root);
                return 2;
            }

            // First load: what the spec derives, to list it in the starter catalogue.
            var derived = await LoadAsync(root, vendor, errors, cancellationToken).ConfigureAwait(false);
            if (derived.Variant is null)
            {
                Remove(written, root);
                return derived.Exit;
            }

            Directory.CreateDirectory(mocksFolder);
            var catalogue = Path.Combine(mocksFolder, "scenarios.json");
            await File.WriteAllTextAsync(catalogue, Starter(derived.Variant), cancellationToken).ConfigureAwait(false);
            written.Add(catalogue);

            // Then the check start-up makes, catalogue included.
            var checkedLoad = await LoadAsync(root, vendor, errors, cancellationToken).ConfigureAwait(false);
            if (checkedLoad.Variant is null)
            {
                Remove(written, root);
                return checkedLoad.Exit;
            }

            await output.WriteAsync(Summary(checkedLoad.Variant, root)).ConfigureAwait(false);
            return 0;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            await errors.WriteLineAsync($"cannot write under '{root}': {e.Message}").ConfigureAwait(false);
            Remove(written, root);
            return 2;
        }
    }

    /// <summary>The spec as <c>openapi.&lt;ext&gt;</c> and the files its relative references bring in, byte for byte, at the same places relative to it.</summary>
    private static async Task<string?> CopyAsync(string spec, string schemaFolder, string extension, List<string> written, CancellationToken cancellationToken)
    {
        var bytes = await File.ReadAllBytesAsync(spec, cancellationToken).ConfigureAwait(false);
        var source = Path.GetDirectoryName(spec)!;
        var others = Core.Loading.PublishedSpecFiles.Referenced(spec, bytes);
        var outside = others.FirstOrDefault(o => Path.GetRelativePath(source, o).StartsWith("..", StringComparison.Ordinal));
        if (outside is not null)
        {
            return $"'{spec}' refers to '{outside}', outside its folder: put the files in one folder and import again";
        }

        Directory.CreateDirectory(schemaFolder);
        var target = Path.Combine(schemaFolder, "openapi" + (extension == ".yml" ? ".yaml" : extension));
        await File.WriteAllBytesAsync(target, bytes, cancellationToken).ConfigureAwait(false);
        written.Add(target);
        foreach (var other in others.Where(File.Exists))
        {
            var copy = Path.Combine(schemaFolder, Path.GetRelativePath(source, other));
            Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
            File.Copy(other, copy);
            written.Add(copy);
        }

        return null;
    }

    private static async Task<(VariantContract? Variant, int Exit)> LoadAsync(string root, string vendor, TextWriter errors, CancellationToken cancellationToken)
    {
        var (host, exit) = await StartUp.StartAsync([], options => options.Contracts = root, errors, cancellationToken).ConfigureAwait(false);
        if (host is null)
        {
            return (null, exit);
        }

        await using (host.ConfigureAwait(false))
        {
            var variant = host.Services.GetRequiredService<ContractStore>().Current.Variant(vendor);
            await host.StopAsync(cancellationToken).ConfigureAwait(false);
            return (variant, 0);
        }
    }

    /// <summary>
    /// A catalogue that lists the derived scenarios as they are (an entry of the same name replaces a derived one, so
    /// this serves the same), ready for personas, sequences and faults to be added.
    /// </summary>
    private static string Starter(VariantContract variant)
    {
        var scenarios = new JsonArray();
        foreach (var scenario in variant.Catalogue.Scenarios.Where(s => s.Derived && ScenarioName().IsMatch(s.Name)))
        {
            var entry = new JsonObject { ["name"] = scenario.Name, ["description"] = scenario.Description, ["status"] = scenario.Status };
            if (scenario.Steps[0].Example is { } example)
            {
                entry["example"] = example;
            }

            scenarios.Add(entry);
        }

        var catalogue = new JsonObject
        {
            ["account"] = variant.Account.OperationId ?? variant.Account.Display,
            ["default"] = variant.Catalogue.Default.Name,
        };
        if (variant.Catalogue.MissingCredentials is { } missing)
        {
            catalogue["auth"] = new JsonObject { ["missing"] = missing.Name };
        }

        catalogue["scenarios"] = scenarios;
        return catalogue.ToJsonString(Written) + "\n";
    }

    private static string Summary(VariantContract variant, string root)
    {
        var text = new StringBuilder();
        var inv = CultureInfo.InvariantCulture;
        text.AppendLine(inv, $"ok: '{variant.Vendor}' ({variant.Title}) imported into {root}");
        text.AppendLine(inv, $"operations ({variant.Operations.Count}), each also under /{variant.Vendor}:");
        foreach (var operation in variant.Operations)
        {
            text.AppendLine(inv, $"  {operation.Display}  {string.Join(" ", operation.Responses.Keys.Order())}{(operation.Role == OperationRole.Account ? "  (account)" : "")}");
        }

        text.AppendLine(inv, $"scenarios ({variant.Catalogue.Scenarios.Count}; default '{variant.Catalogue.Default.Name}'; pick one with Prefer: code=<status>, Prefer: example=<name> or Prefer: scenario=<name>):");
        foreach (var scenario in variant.Catalogue.Scenarios)
        {
            text.AppendLine(inv, $"  {scenario.Name}  {scenario.Description}");
        }

        text.AppendLine(inv, $"warnings ({variant.Warnings.Count}):");
        foreach (var warning in variant.Warnings)
        {
            text.AppendLine(inv, $"  {warning}");
        }

        text.AppendLine(inv, $"serve it: mockaccounts serve --contracts {root}");
        return text.ToString();
    }

    private static void Remove(List<string> written, string root)
    {
        foreach (var file in Enumerable.Reverse(written).Where(File.Exists))
        {
            File.Delete(file);
        }

        // Folders this run made, now empty, go too.
        foreach (var folder in written.Select(Path.GetDirectoryName).OfType<string>().Distinct().OrderByDescending(f => f.Length))
        {
            for (var dir = folder; dir.Length > root.Length && Directory.Exists(dir) && !Directory.EnumerateFileSystemEntries(dir).Any(); dir = Path.GetDirectoryName(dir)!)
            {
                Directory.Delete(dir);
            }
        }
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9.-]*$")]
    private static partial Regex VendorName();

    /// <summary>The names a catalogue can write (its schema's pattern); derived scenarios named after odd example keys stay derived.</summary>
    [GeneratedRegex("^[a-z0-9][a-z0-9.-]*$")]
    private static partial Regex ScenarioName();
}
