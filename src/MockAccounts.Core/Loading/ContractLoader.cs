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
    private static readonly string[] PublishedFiles = ["openapi.yaml", "openapi.yml"];
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
        // A folder of published specs alone needs no mocks/: they bring their scenarios.
        foreach (var (root, name) in sources.SelectMany(s => new[] { (s.SchemasRoot, "schemas"), (OnlyPublished(s.SchemasRoot) ? null : s.MocksRoot, "mocks") }).Where(r => r.Item1 is not null).Select(r => (r.Item1!, r.Item2)))
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
            errors.Add(new ContractError(string.Join(", ", sources.Select(s => Display(s.SchemasRoot))), "", $"no vendors (expected <vendor>/{OpenApiFile} or <vendor>/openapi.yaml folders)"));
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
        if (!Directory.Exists(sources.MocksRoot))
        {
            // A folder of published specs alone needs no mocks/ (checked above only where a catalogue is required).
            return;
        }

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

    /// <summary>Whether every vendor folder under <paramref name="schemasRoot"/> holds a published spec (so no catalogue is needed).</summary>
    private static bool OnlyPublished(string schemasRoot) =>
        Directory.Exists(schemasRoot) && Directory.GetDirectories(schemasRoot).All(vendor => ContractFile(vendor).Published);

    /// <summary>
    /// The contract in a variant folder and how it is written: <c>openapi.yaml</c> or <c>openapi.yml</c> is a published
    /// spec; <c>openapi.json</c> is our dialect when it uses our <c>x-mock</c> extension anywhere, else a published spec.
    /// </summary>
    private static (string? Path, bool Published, string[] Found) ContractFile(string schemaDir)
    {
        var found = PublishedFiles.Prepend(OpenApiFile).Where(f => File.Exists(Path.Combine(schemaDir, f))).ToArray();
        if (found.Length != 1)
        {
            return (null, found.Length > 1 || found.Length == 0, found);
        }

        var path = Path.Combine(schemaDir, found[0]);
        return (path, found[0] != OpenApiFile || !UsesOurExtension(path), found);
    }

    /// <summary>Our dialect's marker: an <c>"x-mock"</c> key (every dialect contract has one on its account operation).</summary>
    private static bool UsesOurExtension(string path)
    {
        try
        {
            return File.ReadAllText(path).Contains("\"x-mock\"", StringComparison.Ordinal);
        }
        catch (IOException)
        {
            return true;
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

        var file = ContractFile(schemaDir);
        if (file.Found.Length > 1)
        {
            errors.Add(new ContractError(Display(schemaDir), "", $"two contracts ({string.Join(", ", file.Found)}): keep one"));
            return null;
        }

        if (file.Published && file.Path is not null)
        {
            return errors.Count > before ? null : await LoadPublishedAsync(vendor, variant, file.Path, cataloguePath, catalogueSchema, checker, errors, cancellationToken);
        }

        foreach (var required in new[] { openApiPath, cataloguePath }.Where(p => !File.Exists(p)))
        {
            errors.Add(new ContractError(Display(required), "", $"missing: every variant needs both {OpenApiFile} and {CatalogueFile} (or a published spec, openapi.yaml or openapi.json without x-mock, which needs no catalogue)"));
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

    /// <summary>
    /// A vendor's published spec, served as it is: read, its scenarios derived from its responses (a catalogue beside
    /// it adds more), proven unless these very files were proven before, with what cannot be honoured as warnings.
    /// </summary>
    private static async Task<VariantContract?> LoadPublishedAsync(
        string vendor, string variant, string specPath, string cataloguePath, Lazy<Task<JsonSchema>> catalogueSchema,
        CatalogueChecker checker, List<ContractError> errors, CancellationToken cancellationToken)
    {
        var before = errors.Count;
        var warnings = new List<ContractWarning>();
        var specBytes = await JsonFile.ReadBytesAsync(specPath, Reporter(errors, specPath), cancellationToken);
        var catalogueBytes = File.Exists(cataloguePath) ? await JsonFile.ReadBytesAsync(cataloguePath, Reporter(errors, cataloguePath), cancellationToken) : null;
        if (specBytes is null || errors.Count > before)
        {
            return null;
        }

        var others = PublishedSpecFiles.Referenced(specPath, specBytes).Order(StringComparer.Ordinal)
            .Select(f => File.Exists(f) ? File.ReadAllBytes(f) : []).ToArray();
        var proofKey = checker.Key(specBytes, catalogueBytes ?? [], others);
        var remembered = checker.Remembered(proofKey);
        var proven = remembered is not null;
        if (!proven && catalogueBytes is not null)
        {
            _ = catalogueSchema.Value;
        }

        // What the proof finds (what Microsoft.OpenApi's check questions, examples that break their schema) is remembered with it.
        var proofWarnings = new List<ContractWarning>();
        var read = new PublishedSpecReader(Reporter(errors, specPath), Warner(warnings, specPath), (file, message) => errors.Add(new ContractError(Display(file), "", message)), Warner(proofWarnings, specPath))
            .Read(specPath, specBytes, proven);
        if (read is null || errors.Count > before)
        {
            return null;
        }

        IReadOnlyCollection<string> invalidExamples;
        if (remembered is not null)
        {
            (invalidExamples, var said) = PublishedProof.Parse(remembered);
            proofWarnings.AddRange(said);
        }
        else
        {
            invalidExamples = CatalogueChecker.InvalidExamples(read.Operations, Warner(proofWarnings, specPath)).ToHashSet(StringComparer.Ordinal);
        }

        var operations = Without(read.Operations, invalidExamples);
        var account = AccountOperation(catalogueBytes, operations, Reporter(errors, cataloguePath));
        if (account is null)
        {
            return null;
        }

        operations = operations.Select(o => o == account ? o with { Role = OperationRole.Account } : o).ToArray();
        account = operations.First(o => o.Role == OperationRole.Account);
        var derived = DerivedScenarios.From(operations);
        var catalogue = new CatalogueReader(Reporter(errors, cataloguePath), proven || catalogueBytes is null ? null : await catalogueSchema.Value)
            .ReadPublished(catalogueBytes, account, operations, derived);
        if (catalogue is null || errors.Count > before)
        {
            return null;
        }

        var contract = new VariantContract(vendor, variant, read.Title, read.Json, operations, catalogue)
        {
            Summary = read.Summary,
            ProofCached = proven,
            Format = ContractFormat.Published,
        };
        if (!proven)
        {
            checker.CheckPublished(contract, Reporter(errors, specPath), Reporter(errors, cataloguePath));
            if (errors.Count == before)
            {
                checker.Remember(proofKey, PublishedProof.Write(invalidExamples, proofWarnings));
            }
        }

        return errors.Count > before ? null : contract with { Warnings = [.. warnings, .. proofWarnings] };
    }

    /// <summary>The operations with the examples that break their schema left out.</summary>
    private static OperationContract[] Without(IReadOnlyList<OperationContract> operations, IReadOnlyCollection<string> invalid) =>
        invalid.Count == 0 ? [.. operations] : operations.Select(o => o with
        {
            Responses = o.Responses.ToDictionary(r => r.Key, r => r.Value with
            {
                Examples = r.Value.Examples.Where(e => !invalid.Contains(CatalogueChecker.ExampleKey(o, r.Key, e.Name))).ToArray(),
            }),
        }).ToArray();

    /// <summary>
    /// The operation the dashboard, the fixture and account edits show: the catalogue's <c>account</c> (an operationId or
    /// <c>METHOD /path</c>), else the first GET without path or required parameters whose path ends in <c>/me</c>, else the
    /// first GET without path or required parameters, else the first GET, else the first operation (document order).
    /// </summary>
    private static OperationContract? AccountOperation(byte[]? catalogueBytes, OperationContract[] operations, Action<string, string> fail)
    {
        var named = catalogueBytes is null ? null : JsonFile.Parse(catalogueBytes, (_, _) => { }).Root?["account"]?.ToString();
        if (named is not null)
        {
            var found = operations.FirstOrDefault(o => o.OperationId == named)
                ?? operations.FirstOrDefault(o => o.Display == named || (o.DocumentedPath is { } documented && $"{o.Method} {documented}" == named));
            if (found is null)
            {
                fail("/account", $"'{named}' is no operation of the spec (expected an operationId or METHOD /path)");
            }

            return found;
        }

        var gets = operations.Where(o => o.Method == "GET").ToArray();
        var plain = gets.Where(o => !o.Path.Contains('{', StringComparison.Ordinal) && !o.Parameters.Any(p => p.Required)).ToArray();
        return plain.FirstOrDefault(o => o.Path.EndsWith("/me", StringComparison.Ordinal)) ?? plain.FirstOrDefault() ?? gets.FirstOrDefault() ?? operations[0];
    }

    private static Action<string, string> Warner(List<ContractWarning> warnings, string file) =>
        (location, message) =>
        {
            lock (warnings)
            {
                warnings.Add(new ContractWarning(Display(file), location, message));
            }
        };

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
