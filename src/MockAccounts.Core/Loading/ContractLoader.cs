using System.Text.RegularExpressions;
using MockAccounts.Core.Contracts;
using MockAccounts.Core.Generation;
using MockAccounts.Core.Routing;
using NJsonSchema;

namespace MockAccounts.Core.Loading;

/// <summary>
/// Loads every vendor under the contract folders. Strict: any broken file fails the whole load
/// with every problem found (file, JSON pointer, what was expected); nothing half-loads.
/// </summary>
public static partial class ContractLoader
{
    private const string OpenApiFile = "openapi.json";
    private const string CatalogueFile = "scenarios.json";
    private const string VariantsFolder = "variants";

    /// <summary>Loads every vendor under one contract root; throws <see cref="ContractLoadException"/> listing every broken file.</summary>
    /// <param name="sources">Where the contracts and catalogues are.</param>
    /// <param name="options">The generation options hints are checked against.</param>
    /// <param name="cancellationToken">Cancels the load.</param>
    public static Task<ContractSet> LoadAsync(ContractSources sources, GenerationOptions options, CancellationToken cancellationToken = default) =>
        LoadAsync([sources], options, proofs: null, cancellationToken);

    /// <summary>Loads several roots in order; a vendor in a later root replaces one of the same name.</summary>
    /// <param name="sources">Where the contracts and catalogues are, in load order.</param>
    /// <param name="options">The generation options hints are checked against.</param>
    /// <param name="proofs">Where proofs of earlier loads are remembered; null: nowhere, every variant is proven.</param>
    /// <param name="cancellationToken">Cancels the load.</param>
    public static async Task<ContractSet> LoadAsync(
        IReadOnlyList<ContractSources> sources, GenerationOptions options, ProofCache? proofs = null, CancellationToken cancellationToken = default)
    {
        var errors = new List<ContractError>();
        // A folder of stub mappings alone (mappings/ without schemas/ and mocks/) adds no vendors.
        sources = sources.Where(s => !s.IsMappingsOnly).ToArray();
        foreach (var (root, name) in sources.SelectMany(s => new[] { (s.SchemasRoot, "schemas"), (s.MocksRoot, "mocks") }))
        {
            if (!Directory.Exists(root))
            {
                errors.Add(new ContractError(Display(root), "", $"the {name} folder does not exist"));
            }
        }

        if (errors.Count > 0)
        {
            throw new ContractLoadException(errors);
        }

        // Only a variant without a cached proof needs NJsonSchema, and then it is parsed while the OpenAPI documents
        // are read: the first NJsonSchema parse is the slowest step of a cold start.
        var catalogueSchema = new Lazy<Task<JsonSchema>>(() => Task.Run(CatalogueSchemaAsync, cancellationToken));
        var generator = new BodyGenerator(options);
        var checker = new CatalogueChecker(generator, options, proofs ?? ProofCache.Off);
        var vendors = new Dictionary<string, VendorContract>(StringComparer.Ordinal);
        foreach (var source in sources)
        {
            await LoadRootAsync(source, catalogueSchema, checker, vendors, errors, cancellationToken);
        }

        if (vendors.Count == 0 && errors.Count == 0)
        {
            errors.Add(new ContractError(string.Join(", ", sources.Select(s => Display(s.SchemasRoot))), "", $"no vendors (expected <vendor>/{OpenApiFile} folders)"));
        }

        return errors.Count > 0 ? throw new ContractLoadException(errors) : new ContractSet(vendors);
    }

    private static async Task LoadRootAsync(
        ContractSources sources, Lazy<Task<JsonSchema>> catalogueSchema, CatalogueChecker checker,
        Dictionary<string, VendorContract> vendors, List<ContractError> errors, CancellationToken cancellationToken)
    {
        // Vendors load in parallel (each is parsing and proving, CPU-bound); results and errors keep folder order.
        var folders = Directory.GetDirectories(sources.SchemasRoot).Order(StringComparer.Ordinal).ToArray();
        var loaded = await Task.WhenAll(folders.Select(folder => Task.Run(() => LoadVendorAsync(folder, sources.MocksRoot, catalogueSchema, checker, cancellationToken), cancellationToken)));
        foreach (var (vendor, vendorErrors) in loaded)
        {
            vendors[vendor.Name] = vendor;
            errors.AddRange(vendorErrors);
        }

        var found = loaded.Select(l => l.Vendor.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var orphan in Directory.GetDirectories(sources.MocksRoot).Select(Path.GetFileName).Where(m => !found.Contains(m!)))
        {
            errors.Add(new ContractError(Display(Path.Combine(sources.MocksRoot, orphan!)), "", $"scenarios for '{orphan}', but there is no {Display(Path.Combine(sources.SchemasRoot, orphan!, OpenApiFile))}"));
        }
    }

    private static async Task<(VendorContract Vendor, List<ContractError> Errors)> LoadVendorAsync(
        string folder, string mocksRoot, Lazy<Task<JsonSchema>> catalogueSchema, CatalogueChecker checker, CancellationToken cancellationToken)
    {
        var vendor = Path.GetFileName(folder);
        var errors = new List<ContractError>();
        var variants = new Dictionary<string, VariantContract>(StringComparer.Ordinal);
        foreach (var (variant, schemaDir, mockDir) in Variants(vendor, folder, mocksRoot))
        {
            var loaded = await LoadVariantAsync(vendor, variant, schemaDir, mockDir, catalogueSchema, checker, errors, cancellationToken);
            if (loaded is not null)
            {
                variants[variant] = loaded;
            }
        }

        return (new VendorContract(vendor, variants), errors);
    }

    private static IEnumerable<(string Variant, string SchemaDir, string MockDir)> Variants(string vendor, string schemaDir, string mocksRoot)
    {
        yield return (VendorContract.DocumentedVariant, schemaDir, Path.Combine(mocksRoot, vendor));
        var extra = Path.Combine(schemaDir, VariantsFolder);
        if (Directory.Exists(extra))
        {
            foreach (var dir in Directory.GetDirectories(extra).Order(StringComparer.Ordinal))
            {
                var name = Path.GetFileName(dir);
                yield return (name, dir, Path.Combine(mocksRoot, vendor, VariantsFolder, name));
            }
        }
    }

    private static async Task<VariantContract?> LoadVariantAsync(
        string vendor, string variant, string schemaDir, string mockDir, Lazy<Task<JsonSchema>> catalogueSchema,
        CatalogueChecker checker, List<ContractError> errors, CancellationToken cancellationToken)
    {
        var openApiPath = Path.Combine(schemaDir, OpenApiFile);
        var cataloguePath = Path.Combine(mockDir, CatalogueFile);
        var before = errors.Count;
        foreach (var (name, path) in new[] { ("vendor", vendor), ("variant", variant) })
        {
            if (!NamePattern().IsMatch(name))
            {
                errors.Add(new ContractError(Display(schemaDir), "", $"{name} folder '{path}' must be lower-case letters, digits, '.' and '-'"));
            }
        }

        foreach (var required in new[] { openApiPath, cataloguePath }.Where(p => !File.Exists(p)))
        {
            errors.Add(new ContractError(Display(required), "", $"missing: every variant needs both {OpenApiFile} and {CatalogueFile}"));
        }

        if (errors.Count > before)
        {
            return null;
        }

        // Each file is read once: the proof's key and the contract come from the same bytes, even while an editor saves.
        var openApiBytes = await JsonFile.ReadBytesAsync(openApiPath, Reporter(errors, openApiPath), cancellationToken);
        var catalogueBytes = await JsonFile.ReadBytesAsync(cataloguePath, Reporter(errors, cataloguePath), cancellationToken);
        if (openApiBytes is null || catalogueBytes is null)
        {
            return null;
        }

        var proofKey = checker.Key(openApiBytes, catalogueBytes);
        var proven = checker.IsProven(proofKey);
        if (!proven)
        {
            _ = catalogueSchema.Value;
        }

        var openApi = new OpenApiContractReader(Reporter(errors, openApiPath)).Read(openApiPath, openApiBytes, proven);
        if (openApi is null || errors.Count > before)
        {
            return null;
        }

        var account = openApi.Operations.Single(o => o.Role == OperationRole.Account);
        var catalogue = new CatalogueReader(Reporter(errors, cataloguePath), proven ? null : await catalogueSchema.Value).Read(catalogueBytes, account);
        if (catalogue is null || errors.Count > before)
        {
            return null;
        }

        var contract = new VariantContract(vendor, variant, openApi.Title, openApi.Text, openApi.Operations, catalogue) { Summary = openApi.Summary, ProofCached = proven };
        if (!proven)
        {
            checker.Check(contract, Reporter(errors, cataloguePath));
            if (errors.Count == before)
            {
                checker.Remember(proofKey);
            }
        }

        return errors.Count > before ? null : contract;
    }

    private static Action<string, string> Reporter(List<ContractError> errors, string file) =>
        (location, message) => errors.Add(new ContractError(Display(file), location, message));

    /// <summary>Paths as the user would type them: relative to the working directory when inside it.</summary>
    private static string Display(string path)
    {
        var relative = Path.GetRelativePath(Environment.CurrentDirectory, path);
        return relative.StartsWith("..", StringComparison.Ordinal) ? Path.GetFullPath(path) : relative;
    }

    private static async Task<JsonSchema> CatalogueSchemaAsync()
    {
        await using var stream = typeof(ContractLoader).Assembly.GetManifestResourceStream("scenario-catalogue.schema.json")
            ?? throw new InvalidOperationException("the scenario catalogue schema is not embedded in MockAccounts.Core");
        using var reader = new StreamReader(stream);
        return await JsonSchema.FromJsonAsync(await reader.ReadToEndAsync());
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9.-]*$")]
    private static partial Regex NamePattern();
}
