using MockAccounts.Core.Contracts;
using MockAccounts.Verification.Contracts;

namespace MockAccounts.Verification.Diff;

/// <summary>
/// What <c>mockaccounts diff</c> compares: two contract folders (each holding <c>schemas/</c>), two vendor folders
/// (each holding <c>openapi.json</c>), two OpenAPI files, or two variants of one vendor. Files are read as JSON, not
/// proven: an old version that no longer loads can still be compared.
/// </summary>
public static class DiffSides
{
    /// <summary>Compares two paths of the same kind.</summary>
    /// <param name="from">The old side: a contract folder, a vendor folder or an OpenAPI file.</param>
    /// <param name="to">The new side, of the same kind.</param>
    /// <param name="vendor">Only this vendor (contract folders).</param>
    /// <param name="fromVariant">The old side's variant.</param>
    /// <param name="toVariant">The new side's variant.</param>
    /// <exception cref="UsageException">A path does not exist, the two are not of one kind, or a variant is missing.</exception>
    /// <exception cref="ContractFileException">A file is not JSON.</exception>
    public static DiffReport Compare(string from, string to, string? vendor = null, string fromVariant = VendorContract.DocumentedVariant, string toVariant = VendorContract.DocumentedVariant)
    {
        var (fromKind, toKind) = (KindOf(from), KindOf(to));
        if (fromKind != toKind)
        {
            throw new UsageException($"diff compares two of a kind: '{from}' is {Describe(fromKind)}, '{to}' is {Describe(toKind)}");
        }

        switch (fromKind)
        {
            case Side.File:
                return new DiffReport([Vendor(vendor ?? Path.GetFileName(Path.GetDirectoryName(Path.GetFullPath(to))) ?? "", from, "", to, "")]);
            case Side.VendorFolder:
                return new DiffReport([Vendor(vendor ?? Path.GetFileName(Path.GetFullPath(to).TrimEnd(Path.DirectorySeparatorChar)),
                    VendorFile(from, fromVariant), fromVariant, VendorFile(to, toVariant), toVariant)]);
            default:
                var names = Vendors(from).Union(Vendors(to)).Order(StringComparer.Ordinal).Where(v => vendor is null || v == vendor).ToArray();
                if (names.Length == 0)
                {
                    throw new UsageException(vendor is null ? $"no vendors in '{from}' or '{to}'" : $"no vendor '{vendor}' in '{from}' or '{to}'");
                }

                return new DiffReport(names.Select(name => Between(from, to, name, fromVariant, toVariant)).ToArray());
        }
    }

    /// <summary>Compares two variants of one vendor, found as the server finds it in contract folders (a later folder wins).</summary>
    /// <param name="roots">Contract folders, in load order.</param>
    /// <param name="vendor">The vendor.</param>
    /// <param name="fromVariant">The old variant.</param>
    /// <param name="toVariant">The new variant.</param>
    /// <exception cref="UsageException">No such vendor or variant (the message lists those there are).</exception>
    public static DiffReport CompareVariants(IReadOnlyList<string> roots, string vendor, string fromVariant, string toVariant)
    {
        var root = roots.LastOrDefault(r => File.Exists(ContractCatalog.VariantFile(r, vendor, VendorContract.DocumentedVariant)))
            ?? throw new UsageException($"unknown vendor '{vendor}' (vendors: {string.Join(", ", roots.SelectMany(Vendors).Distinct().Order(StringComparer.Ordinal))})");
        return new DiffReport([Vendor(vendor, Existing(root, vendor, fromVariant), fromVariant, Existing(root, vendor, toVariant), toVariant)]);
    }

    private enum Side
    {
        File,
        VendorFolder,
        ContractFolder,
    }

    private static Side KindOf(string path) =>
        File.Exists(path) ? Side.File
        : File.Exists(Path.Combine(path, "openapi.json")) ? Side.VendorFolder
        : Directory.Exists(Path.Combine(path, "schemas")) ? Side.ContractFolder
        : Directory.Exists(path) ? throw new UsageException($"'{path}' holds neither schemas/ (a contract folder) nor openapi.json (a vendor folder)")
        : throw new UsageException($"'{path}' does not exist");

    private static string Describe(Side side) => side switch
    {
        Side.File => "a file",
        Side.VendorFolder => "a vendor folder",
        _ => "a contract folder",
    };

    private static IEnumerable<string> Vendors(string root) =>
        Directory.Exists(Path.Combine(root, "schemas"))
            ? Directory.GetDirectories(Path.Combine(root, "schemas")).Where(d => File.Exists(Path.Combine(d, "openapi.json"))).Select(d => Path.GetFileName(d)!)
            : [];

    private static string VendorFile(string folder, string variant) =>
        variant == VendorContract.DocumentedVariant ? Path.Combine(folder, "openapi.json") : Path.Combine(folder, "variants", variant, "openapi.json");

    private static string Existing(string root, string vendor, string variant)
    {
        var file = ContractCatalog.VariantFile(root, vendor, variant);
        if (File.Exists(file))
        {
            return file;
        }

        var variants = new[] { VendorContract.DocumentedVariant }.Concat(
            Directory.Exists(Path.Combine(root, "schemas", vendor, "variants")) ? Directory.GetDirectories(Path.Combine(root, "schemas", vendor, "variants")).Select(d => Path.GetFileName(d)!).Order(StringComparer.Ordinal) : []);
        throw new UsageException($"vendor '{vendor}' has no variant '{variant}' in {root} (variants: {string.Join(", ", variants)})");
    }

    private static VendorDiff Between(string from, string to, string vendor, string fromVariant, string toVariant)
    {
        var fromFile = ContractCatalog.VariantFile(from, vendor, fromVariant);
        var toFile = ContractCatalog.VariantFile(to, vendor, toVariant);
        if (!File.Exists(fromFile))
        {
            return new VendorDiff(vendor, $"{from}: no {vendor} ({fromVariant})", Label(toFile, toVariant),
                [new ContractChange("", "", "", ChangeKind.VendorAdded, false, "vendor added", null, "")]);
        }

        if (!File.Exists(toFile))
        {
            return new VendorDiff(vendor, Label(fromFile, fromVariant), $"{to}: no {vendor} ({toVariant})",
                [new ContractChange("", "", "", ChangeKind.VendorRemoved, true, "vendor removed", "", null)]);
        }

        return Vendor(vendor, fromFile, fromVariant, toFile, toVariant);
    }

    private static VendorDiff Vendor(string vendor, string fromFile, string fromVariant, string toFile, string toVariant)
    {
        foreach (var file in new[] { fromFile, toFile }.Where(f => !File.Exists(f)))
        {
            throw new UsageException($"'{file}' does not exist");
        }

        var from = ContractDocument.Read(fromFile);
        var to = ContractDocument.Read(toFile);
        return new VendorDiff(vendor, Label(from.DisplayPath, fromVariant), Label(to.DisplayPath, toVariant), ContractDiff.Compare(from, to));
    }

    private static string Label(string file, string variant) => variant.Length == 0 ? file : $"{file} ({variant})";
}
