using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using MockAccounts.Core.Contracts;
using MockAccounts.Core.Generation;
using MockAccounts.Core.Loading;
using MockAccounts.Verification.Contracts;
using MockAccounts.Verification.Fixes;

namespace MockAccounts.Verification;

/// <summary>
/// <c>--write-variant</c>: a report's suggestions written as a new variant beside the contract held to
/// (<c>schemas/&lt;vendor&gt;/variants/&lt;name&gt;/openapi.json</c> and the scenario catalogue every variant
/// needs), then loaded and proven like any other contract; a variant that does not prove is removed again.
/// </summary>
public static partial class VariantWriter
{
    /// <summary>Writes and proves the variant.</summary>
    /// <param name="target">The contract the report held the vendor to (the base of the new variant).</param>
    /// <param name="report">The report whose drifts the variant accepts.</param>
    /// <param name="name">The new variant's name.</param>
    /// <param name="observedAt">When the responses were observed (for the variant's summary).</param>
    /// <param name="options">Generation options for the proof.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <exception cref="UsageException">The name is not allowed or already taken.</exception>
    /// <exception cref="ContractLoadException">The written variant does not prove (it has been removed).</exception>
    public static async Task<VariantWritten> WriteAsync(VerificationTarget target, VerificationReport report, string name, DateTimeOffset observedAt,
        GenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        if (!NamePattern().IsMatch(name) || name == VendorContract.DocumentedVariant)
        {
            throw new UsageException($"--write-variant '{name}': a variant name is lower-case letters, digits, '.' and '-', starting with a letter or digit, and not '{VendorContract.DocumentedVariant}'");
        }

        var openApiFile = ContractCatalog.VariantFile(target.ContractRoot, target.Vendor, name);
        var catalogueFile = ContractCatalog.CatalogueFile(target.ContractRoot, target.Vendor, name);
        var folders = new[] { Path.GetDirectoryName(openApiFile)!, Path.GetDirectoryName(catalogueFile)! };
        if (folders.FirstOrDefault(Directory.Exists) is { } taken)
        {
            throw new UsageException($"--write-variant '{name}': {taken} exists already; pick another name or remove it");
        }

        var document = ContractDocument.Parse(target.Document.Root.ToJsonString(), openApiFile);
        var fixes = report.Drifts.Select(d => d.Drift.Fix).OfType<ContractFix>().DistinctBy(f => (f.GetType(), f.Pointer, f.Describe())).ToList();
        foreach (var fix in fixes)
        {
            fix.Apply(document);
        }

        var notWritten = report.Drifts.Where(d => d.Drift.Fix is null).Select(d => $"drift #{d.Id.ToString(CultureInfo.InvariantCulture)} ({d.Drift.KindName} at {d.Drift.Where}): {d.Drift.Suggestion}").ToArray();
        var info = document.Root["info"] as JsonObject ?? [];
        document.Root["info"] = info;
        info["summary"] = $"Observed behaviour, written by mockaccounts verify --write-variant from what {report.Source} answered on "
            + $"{observedAt.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}: the {target.Variant} contract with {fixes.Count.ToString(CultureInfo.InvariantCulture)} change{(fixes.Count == 1 ? "" : "s")}: "
            + $"{string.Join("; ", fixes.Select(f => $"{f.Pointer}: {f.Describe()}"))}.";

        var catalogue = JsonNode.Parse(await File.ReadAllTextAsync(ContractCatalog.CatalogueFile(target.ContractRoot, target.Vendor, target.Variant), cancellationToken).ConfigureAwait(false))!.AsObject();
        if (catalogue.ContainsKey("$schema"))
        {
            // mocks/<vendor>/variants/<name>/ is four folders below the contract root, where schemas/ is.
            catalogue["$schema"] = "../../../../schemas/scenario-catalogue.schema.json";
        }

        try
        {
            foreach (var folder in folders)
            {
                Directory.CreateDirectory(folder);
            }

            await File.WriteAllTextAsync(openApiFile, document.Root.ToJsonString(ReportJson.Options) + "\n", cancellationToken).ConfigureAwait(false);
            await File.WriteAllTextAsync(catalogueFile, catalogue.ToJsonString(ReportJson.Options) + "\n", cancellationToken).ConfigureAwait(false);
            await ContractCatalog.LoadAsync([target.ContractRoot], options, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is ContractLoadException or IOException or UnauthorizedAccessException or OperationCanceledException)
        {
            foreach (var folder in folders.Where(Directory.Exists))
            {
                Directory.Delete(folder, recursive: true);
            }

            throw;
        }

        return new VariantWritten(name, openApiFile, catalogueFile, fixes, notWritten);
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9.-]*$")]
    private static partial Regex NamePattern();
}
